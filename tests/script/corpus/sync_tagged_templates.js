const tag = (s, ...v) => JSON.stringify([s, s.raw, v]);
console.log(tag`a${1}b${2, 3}c`);
console.log(tag`line1
line2 \n ${"x"}`);
const sql = (strings, ...values) => strings.reduce((q, s, i) => q + s + (i < values.length ? `$${i + 1}` : ""), "");
console.log(sql`SELECT * FROM t WHERE a = ${1} AND b = ${2}`);
const f = (s) => s;
const sites = []; for (let i = 0; i < 2; i++) sites.push(f`x`);
console.log(sites[0] === sites[1], Object.isFrozen(sites[0]), String.raw`a\tb${1}\n`);
console.log((s => s[0] === undefined && s.raw[0])`\unicode`);
const o = { name: "o", t(s) { return this.name + s[0]; } };
console.log(o.t`!`);

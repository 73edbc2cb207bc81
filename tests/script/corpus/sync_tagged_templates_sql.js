function sql(strings, ...values) {
  let text = strings[0];
  values.forEach((v, i) => { text += `$${i + 1}` + strings[i + 1]; });
  return { text, values };
}
const user = "o'brien", limit = 10;
const q = sql`SELECT * FROM users WHERE name = ${user} LIMIT ${limit}`;
console.log(q.text);
console.log(JSON.stringify(q.values));
const raw = (s, ...v) => s.raw.join("|") + "#" + v.length;
console.log(raw`a\nb${1}c\t${2}`);
console.log(String.raw`C:\path\${"x"}`);
const upper = (s, ...v) => s.reduce((acc, str, i) => acc + str + (i < v.length ? String(v[i]).toUpperCase() : ""), "");
console.log(upper`hi ${"bob"}, you are ${"admin"}!`);
console.log(((s) => s.length)`no subs`, ((s, ...v) => v)`${1}${2}`.length);

const o = { a: 1 };
for (let i = ("a" in o) ? 0 : 5; i < 2; i++) console.log("i", i);
const has = k => k in o;
console.log(has("a"), has("b"));

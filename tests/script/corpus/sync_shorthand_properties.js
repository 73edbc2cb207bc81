const a = 1, b = "two";
const o = { a, b, c: 3 };
console.log(JSON.stringify(o));

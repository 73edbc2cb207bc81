const obj = { a: 1, b: 2, c: 3 };
const keys = [];
for (const k in obj) {
  keys.push(k + "=" + obj[k]);
}
for (let k in obj) { keys.push(k); }
console.log(keys.join(" "));

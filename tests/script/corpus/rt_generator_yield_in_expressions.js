function* g() {
  const s = `a${yield 1}b${yield 2}c`;
  const { x = yield "default-x" } = {};
  const arr = [yield "e1", ...(yield "e2")];
  const obj = { [yield "key"]: yield "val" };
  return { s, x, arr, obj };
}
const it = g();
const seen = [];
let r = it.next();
const feed = ["ONE", "TWO", "X", "A", ["B", "C"], "k", "v"];
let i = 0;
while (!r.done) { seen.push(r.value); r = it.next(feed[i++]); }
console.log(seen.join(" "));
console.log(JSON.stringify(r.value));
function* args() { yield arguments.length; yield [...arguments].join("+"); }
console.log([...args(1, 2, 3)].join(" "));
const genObj = { *m(a = 5) { yield a * 2; } };
console.log([...genObj.m()][0], [...genObj.m(1)][0]);

// for (const k in obj) with continue and break in the body.
const obj = { a: 1, b: 2, skip: 0, c: 3, stop: 4, d: 5 };
const fns = [];
for (const k in obj) {
  if (k === "skip") continue;
  if (k === "stop") break;
  const value = obj[k] * 10;
  fns.push(() => `${k}:${value}`);
}
console.log(fns.map(f => f()).join(","));

// Nested for-in loops over the keys of each value.
const tree = { x: { p: 1, q: 2 }, y: { r: 3 } };
const paths = [];
for (const outer in tree) {
  for (const inner in tree[outer]) {
    paths.push(() => outer + "." + inner + "=" + tree[outer][inner]);
  }
}
console.log(paths.map(f => f()).join(" "));

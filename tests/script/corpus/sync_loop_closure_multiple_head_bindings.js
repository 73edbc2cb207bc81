// Several bindings in a for head, some captured, some written.
const fns = [];
for (let i = 0, n = 4, step = 1; i < n; i += step) {
  fns.push(() => `${i}/${n}/${step}`);
  if (i === 1) step = 2;
}
console.log(fns.map(f => f()).join(" "));

// A const in the head with a let.
const out = [];
for (const base = 10, unusedHere = 0; out.length < 3; ) {
  let offset = out.length;
  out.push(() => base + offset + unusedHere);
}
console.log(out.map(f => f()).join(","));

// let head without an initializer.
const uninit = [];
for (let x; uninit.length < 2; x = uninit.length) {
  uninit.push(() => String(x));
}
console.log(uninit.map(f => f()).join(","));

// Empty head parts.
const empty = [];
let k = 0;
for (; ;) {
  let kk = k++;
  empty.push(() => kk);
  if (k > 2) break;
}
console.log(empty.map(f => f()).join(","));

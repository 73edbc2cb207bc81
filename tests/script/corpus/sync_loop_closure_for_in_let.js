// for (let k in obj): each closure sees its own key.
const obj = { alpha: 1, beta: 2, gamma: 3 };
const fns = [];
for (let k in obj) {
  fns.push(() => k + "=" + obj[k]);
}
console.log(fns.map(f => f()).join(" "));

// Changing the key variable in the body does not disturb the iteration.
const changed = [];
for (let k in obj) {
  changed.push(() => k);
  k = k.toUpperCase();
}
console.log(changed.map(f => f()).join(","));

// Single-statement body.
const single = [];
for (let k in { x: 1, y: 2 }) single.push(() => k + k);
console.log(single.map(f => f()).join(","));

// Keys of an array.
const arr = ["a", "b", "c"];
const idx = [];
for (let i in arr) idx.push(() => i + arr[i]);
console.log(idx.map(f => f()).join(","));

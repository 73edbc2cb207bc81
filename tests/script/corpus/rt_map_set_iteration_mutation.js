// Map/Set iteration with deletes, compactions and clear during iteration.
const m = new Map();
for (let i = 0; i < 100; i++) m.set('k' + i, i);
const seen = [];
m.forEach((v, k) => {
  seen.push(v);
  if (v === 10) { for (let j = 0; j < 60; j++) m.delete('k' + j); }
  if (v === 70) { m.set('late', 1000); for (let j = 61; j < 95; j++) m.delete('k' + j); }
});
console.log(seen.join(','), m.size);
const s = new Set([1, 2, 3]);
const out = [];
s.forEach((v) => { out.push(v); if (v === 2) { s.clear(); s.add(9); s.add(10); } });
console.log(out, s);
const big = new Map();
for (let i = 0; i < 5000; i++) big.set(i, { v: i });
for (let i = 0; i < 5000; i += 2) big.delete(i);
let sum = 0;
big.forEach((v) => { sum += v.v; });
console.log(big.size, sum, big.get(4999).v, big.has(2));
const it = big.keys();
console.log(it.next(), it.next().value);
for (let i = 0; i < 4000; i++) big.delete(i);
console.log(it.next().value, big.size);

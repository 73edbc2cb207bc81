// Map and Set keep insertion order, follow deletes and additions during forEach.
const m = new Map();
m.set('b', 1).set('a', 2).set(1, 'one').set('b', 3);
console.log('size', m.size);
m.forEach((v, k) => console.log('map', k, v));
const s = new Set([3, 1, 3, 2, 1]);
const seen = [];
s.forEach((v) => { seen.push(v); if (v === 1) { s.delete(2); s.add(9); } });
console.log(seen, s.size, s.has(9), s.has(2));
const key = {};
const wm = new WeakMap([[key, 'object key']]);
console.log(wm.get(key), wm.has({}), m.get(1), new Set([NaN, NaN, 0, -0]).size);
console.log(Array.from(m.keys()), Array.from(s.values()), Array.from(new Map([[1, 2]]).entries()));

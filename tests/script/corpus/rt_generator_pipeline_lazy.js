function* range(start, end, step = 1) { for (let i = start; i < end; i += step) yield i; }
function* map(it, fn) { for (const x of it) yield fn(x); }
function* filter(it, fn) { for (const x of it) if (fn(x)) yield x; }
function* take(it, n) { if (n <= 0) return; for (const x of it) { yield x; if (--n <= 0) return; } }
function* naturals() { let n = 0; while (true) yield n++; }
let evaluated = 0;
const res = take(filter(map(naturals(), (x) => { evaluated++; return x * x; }), (x) => x % 3 === 1), 4);
console.log([...res].join(","), "evaluated", evaluated);
console.log([...range(0, 10, 3)], Array.from(map(range(1, 4), (x) => x * 10)));
const [first, second, ...others] = range(5, 10);
console.log(first, second, others);
const chunk = function* (arr, size) { for (let i = 0; i < arr.length; i += size) yield arr.slice(i, i + size); };
console.log(JSON.stringify([...chunk([1, 2, 3, 4, 5], 2)]));

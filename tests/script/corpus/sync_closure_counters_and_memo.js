const memo = (fn) => { const cache = new Map(); let misses = 0; const m = (n) => { if (!cache.has(n)) { misses++; cache.set(n, fn(n)); } return cache.get(n); }; m.misses = () => misses; return m; };
const fib = memo((n) => (n < 2 ? n : fib(n - 1) + fib(n - 2)));
console.log(fib(40), fib.misses(), fib(10), fib.misses());
const once = (fn) => { let done = false, result; return (...a) => done ? result : (done = true, result = fn(...a)); };
const init = once((x) => `init ${x}`);
console.log(init(1), init(2));
function makeQueue() {
  const items = [];
  return { push: (...xs) => items.push(...xs), shift: () => items.shift(), get size() { return items.length; } };
}
const q = makeQueue(); q.push(1, 2, 3); q.shift();
console.log(q.size, q.shift());
const debounceLog = [];
const adders = [];
for (let i = 0, j = 10; i < 3; i++, j--) adders.push((x) => x + i * j);
console.log(adders.map((f) => f(1)).join(","));

function* naturals() { let n = 1; while (true) yield n++; }
function* take(n, xs) { if (n <= 0) return; for (const x of xs) { yield x; if (--n <= 0) return; } }
function* map(f, xs) { for (const x of xs) yield f(x); }
console.log([...take(5, map((x) => x * x, naturals()))]);
const [a, b, ...rest] = take(4, naturals());
console.log(a, b, rest);

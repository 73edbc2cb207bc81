// Async recursion and Promise.all over async calls.
async function fib(n) {
  if (n < 2) return n;
  const a = await fib(n - 1);
  const b = await fib(n - 2);
  return a + b;
}
Promise.all([fib(10), fib(12), fib(5)]).then((r) => console.log('fibs', r));
async function countdown(n, out) {
  out.push(n);
  if (n > 0) await countdown(n - 1, out);
  return out;
}
countdown(5, []).then((out) => console.log(out.join(' > ')));

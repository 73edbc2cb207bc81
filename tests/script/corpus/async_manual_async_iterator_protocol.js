class Ticker {
  constructor(n) { this.n = n; }
  [Symbol.asyncIterator]() {
    let i = 0;
    const n = this.n;
    return {
      next: () => new Promise((r) => setTimeout(() => r(i < n ? { value: `tick${i++}`, done: false } : { value: "end", done: true }), 1)),
    };
  }
}
(async () => {
  const it = new Ticker(3)[Symbol.asyncIterator]();
  const seen = [];
  let res;
  while (!(res = await it.next()).done) seen.push(res.value);
  console.log(seen.join(","), res.value);
  const again = await it.next();
  console.log(again.done, again.value);
  const firstTwo = new Ticker(5)[Symbol.asyncIterator]();
  const [{ value: a }, { value: b }] = [await firstTwo.next(), await firstTwo.next()];
  console.log(a, b);
})();

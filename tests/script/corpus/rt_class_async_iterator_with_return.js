class Feed {
  #items; #closed = [];
  constructor(...items) { this.#items = items; }
  [Symbol.asyncIterator]() {
    let i = 0;
    const items = this.#items, closed = this.#closed;
    return {
      next: async () => { await null; return i < items.length ? { value: items[i++], done: false } : { value: undefined, done: true }; },
      return: async (v) => { closed.push(`closed at ${i}`); return { value: v, done: true }; },
    };
  }
  get closed() { return this.#closed.join(";") || "none"; }
}
(async () => {
  const f = new Feed("a", "b", "c", "d");
  const got = [];
  for await (const x of f) { got.push(x); if (x === "b") break; }
  console.log(got.join(","), f.closed);
  const g = new Feed(1, 2);
  let total = 0;
  for await (const n of g) total += n;
  console.log(total, g.closed);
})();

class Channel {
  #queue = [];
  #closed = false;
  push(v) { this.#queue.push(v); return this; }
  close() { this.#closed = true; }
  async *[Symbol.asyncIterator]() {
    while (this.#queue.length || !this.#closed) {
      if (this.#queue.length) yield this.#queue.shift();
      else await new Promise((r) => setTimeout(r, 1));
    }
  }
}
const ch = new Channel().push(1).push(2);
setTimeout(() => { ch.push(3); ch.close(); }, 5);
(async () => {
  const got = [];
  for await (const v of ch) got.push(v);
  console.log(got);
})();

const tick = (ms) => new Promise((r) => setTimeout(r, ms));
class LogStream {
  #lines;
  constructor(lines) { this.#lines = lines; }
  async *[Symbol.asyncIterator]() {
    for (const l of this.#lines) { await tick(1); yield l; }
  }
  async *matching(re) { for await (const l of this) if (re.test(l)) yield l.toUpperCase(); }
  static async collect(it) { const out = []; for await (const x of it) out.push(x); return out; }
}
const s = new LogStream(["info: boot", "error: disk", "info: ready", "error: net"]);
(async () => {
  console.log((await LogStream.collect(s)).length);
  console.log((await LogStream.collect(s.matching(/^error/))).join(" / "));
  const it = s.matching(/info/);
  console.log(JSON.stringify(await it.next()), JSON.stringify(await it.return("early")), JSON.stringify(await it.next()));
})();

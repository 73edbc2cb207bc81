const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
class JobQueue {
  #jobs = [];
  #running = false;
  #done = [];
  add(name, ms) { this.#jobs.push({ name, ms }); if (!this.#running) this.#drain(); return this; }
  async #run({ name, ms }) { await sleep(ms); this.#done.push(name); }
  async #drain() {
    this.#running = true;
    while (this.#jobs.length) await this.#run(this.#jobs.shift());
    this.#running = false;
  }
  async idle() { while (this.#running) await sleep(1); return [...this.#done]; }
  static async #wrap(v) { return `[${v}]`; }
  static wrap(v) { return JobQueue.#wrap(v); }
}
(async () => {
  const q = new JobQueue().add("a", 3).add("b", 1);
  q.add("c", 2);
  console.log((await q.idle()).join(","));
  q.add("d", 1);
  console.log((await q.idle()).join(","), await JobQueue.wrap("ok"));
})();

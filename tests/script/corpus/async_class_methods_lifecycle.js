const tick = (ms) => new Promise((r) => setTimeout(r, ms));
class Unit {
  #state = "inactive";
  static #all = [];
  constructor(name, deps = []) { this.name = name; this.deps = deps; Unit.#all.push(this); }
  get state() { return this.#state; }
  async start(log) {
    for (const d of this.deps) if (d.state !== "active") await d.start(log);
    this.#state = "activating"; await tick(2); this.#state = "active";
    log.push(this.name);
    return this;
  }
  static async stopAll(log) { for (const u of [...Unit.#all].reverse()) { await tick(1); u.#state = "inactive"; log.push(`-${u.name}`); } }
}
const db = new Unit("db"), cache = new Unit("cache", [db]), web = new Unit("web", [db, cache]);
(async () => {
  const log = [];
  const started = await web.start(log);
  console.log(started.name, log.join(","), db.state, cache.state);
  await Unit.stopAll(log);
  console.log(log.join(","), web.state);
})();

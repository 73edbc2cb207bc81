const sleep = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
class Service {
  #log = [];
  constructor(name) { this.name = name; }
  async start() { this.#log.push("starting"); await sleep(5); this.#log.push("started"); return this; }
  static async create(name) { const s = new Service(name); return s.start(); }
  get log() { return this.#log.join(","); }
}
(async () => {
  const s = await Service.create("web");
  console.log(s.name, s.log);
  const results = await Promise.all([1, 2].map(async (n) => (await Service.create(`w${n}`)).name));
  console.log(results);
})();

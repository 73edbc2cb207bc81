const wait = (ms) => new Promise((r) => setTimeout(r, ms));
class Service {
  static #token = {};
  #name; #ready = false; #log = [];
  constructor(token, name) {
    if (token !== Service.#token) throw new Error("use Service.create");
    this.#name = name;
  }
  async #connect() { await wait(2); this.#log.push("connect"); }
  async #warm() { await wait(1); this.#log.push("warm"); return 42; }
  static async create(name) {
    const s = new Service(Service.#token, name);
    await s.#connect();
    const v = await s.#warm();
    s.#ready = true;
    return [s, v];
  }
  get summary() { return `${this.#name} ready=${this.#ready} ${this.#log.join(">")}`; }
}
(async () => {
  const [svc, warmValue] = await Service.create("db");
  console.log(svc.summary, warmValue);
  try { new Service(null, "x"); } catch (e) { console.log("error:", e.message); }
  const all = await Promise.all(["a", "b"].map((n) => Service.create(n)));
  console.log(all.map(([s]) => s.summary).join(" | "));
})();

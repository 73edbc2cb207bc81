const tick = (v) => new Promise((r) => setTimeout(() => r(v), 1));
class Base {
  async load(name) { return { name, source: "base", at: await tick(1) }; }
  static async create(...a) { const o = new this(...a); await o.init(); return o; }
  async init() { this.ready = true; }
}
class Cached extends Base {
  #cache = new Map();
  async load(name) {
    if (this.#cache.has(name)) return { ...this.#cache.get(name), cached: true };
    const v = await super.load(name);
    const wrapped = { ...v, source: `cached(${v.source})` };
    return this.#cache.set(name, wrapped).get(name);
  }
  async init() { await super.init(); this.extra = await tick("x"); }
  #helper = async () => (await super.load("arrow")).source;
  viaArrow() { return this.#helper(); }
}
(async () => {
  const c = await Cached.create();
  console.log(c.ready, c.extra, c instanceof Cached);
  console.log(JSON.stringify(await c.load("a")));
  console.log(JSON.stringify(await c.load("a")));
  console.log(await c.viaArrow());
})();

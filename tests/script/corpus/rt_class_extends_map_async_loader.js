class AsyncCache extends Map {
  #loader; #loads = 0;
  constructor(loader) { super(); this.#loader = loader; }
  async load(key) {
    if (this.has(key)) return this.get(key);
    this.#loads++;
    const v = await this.#loader(key);
    this.set(key, v);
    return v;
  }
  get loads() { return this.#loads; }
}
(async () => {
  const cache = new AsyncCache(async (k) => { await new Promise((r) => setTimeout(r, 1)); return k.length; });
  console.log(await cache.load("alpha"), await cache.load("beta"), await cache.load("alpha"));
  console.log(cache.size, cache.loads, cache instanceof Map);
  console.log([...cache.entries()].map(([k, v]) => `${k}=${v}`).join(","));
})();

class Registry {
  static #items = new Map();
  static count;
  static {
    for (const [k, v] of [["web", 80], ["db", 5432]]) this.#items.set(k, v);
    this.count = this.#items.size;
  }
  static port(name) { return this.#items.get(name) ?? -1; }
  static has(name) { return this.#items.has(name); }
}
console.log(Registry.count);
console.log(Registry.port("web"), Registry.port("cache"));
console.log(Registry.has("db"), Registry.has("x"));

class Registry {
  static #items = new Map();
  static count = 0;
  static register(name, value) { Registry.#items.set(name, value); this.count++; return this; }
  static get size() { return Registry.#items.size; }
  static { Registry.register("boot", 1); }
}
Registry.register("a", 2).register("b", 3);
console.log(Registry.count, Registry.size);

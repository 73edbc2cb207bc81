class DefaultMap extends Map {
  #make;
  constructor(make, entries) { super(entries); this.#make = make; }
  get(key) {
    if (!this.has(key)) this.set(key, this.#make(key));
    return super.get(key);
  }
}
const groups = new DefaultMap(() => []);
for (const w of ["apple", "avocado", "banana", "cherry", "blueberry"]) groups.get(w[0]).push(w);
console.log([...groups.keys()].join(","));
console.log(JSON.stringify(Object.fromEntries(groups)));
const counts = new DefaultMap((k) => k.length, [["x", 100]]);
console.log(counts.get("x"), counts.get("hello"), counts.size);
console.log(counts instanceof Map, counts.constructor.name);

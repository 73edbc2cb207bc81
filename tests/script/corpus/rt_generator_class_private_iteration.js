class Ring {
  #items; #start = 0;
  constructor(items) { this.#items = items; }
  rotate(n) { this.#start = (this.#start + n) % this.#items.length; return this; }
  *#raw() { for (let i = 0; i < this.#items.length; i++) yield this.#items[(this.#start + i) % this.#items.length]; }
  *[Symbol.iterator]() { yield* this.#raw(); }
  *pairs() { let prev; for (const x of this) { if (prev !== undefined) yield `${prev}${x}`; prev = x; } }
  static *of(...xs) { yield* new Ring(xs); }
}
const r = new Ring(["a", "b", "c", "d"]);
console.log([...r].join(""), [...r.rotate(1)].join(""), [...r.rotate(2)].join(""));
console.log([...r.pairs()].join(","));
console.log([...Ring.of(1, 2, 3)].join(""));
class Sub extends Ring { *[Symbol.iterator]() { for (const x of super[Symbol.iterator]()) yield x.toUpperCase(); } }
console.log([...new Sub(["x", "y"]).rotate(1)].join(""));

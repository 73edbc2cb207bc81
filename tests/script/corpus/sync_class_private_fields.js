class Counter {
  #count = 0;
  #step;
  constructor(step = 1) { this.#step = step; }
  increment() { this.#count += this.#step; return this; }
  #format() { return `count=${this.#count}`; }
  get value() { return this.#count; }
  describe() { return this.#format(); }
  static isCounter(o) { return #count in o; }
}
const c = new Counter(5);
c.increment().increment();
console.log(c.value, c.describe(), Counter.isCounter(c), Counter.isCounter({}));
console.log(Object.keys(c), JSON.stringify(c));
try { Counter.prototype.describe.call({}); } catch (e) { console.log(e instanceof TypeError); }

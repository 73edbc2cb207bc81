class Stack extends Array {
  peek() { return this[this.length - 1]; }
}
const s = new Stack();
s.push(1, 2, 3);
console.log(s.length, s.peek(), Array.isArray(s), s instanceof Stack);
class DefaultMap extends Map {
  constructor(make) { super(); this.make = make; }
  get(key) { if (!this.has(key)) this.set(key, this.make()); return super.get(key); }
}
const m = new DefaultMap(() => []);
m.get("a").push(1);
m.get("a").push(2);
console.log(m.get("a"), m.size, m instanceof Map);

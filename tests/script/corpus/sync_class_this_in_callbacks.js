class Batch {
  items = [];
  add(...xs) { xs.forEach((x) => this.items.push(x * 2)); return this; }
  total() { return this.items.reduce((a, b) => a + b, 0); }
}
console.log(new Batch().add(1, 2, 3).total());
class Tagged { constructor(tag) { this.tag = tag; this.label = (s) => `${this.tag}:${s}`; } }
console.log(["a", "b"].map(new Tagged("t").label));

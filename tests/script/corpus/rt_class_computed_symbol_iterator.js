const methodName = "run";
class Pipeline {
  #steps = [];
  add(name, fn) { this.#steps.push({ name, fn }); return this; }
  [methodName + "All"](input) { return this.#steps.reduce((acc, s) => s.fn(acc), input); }
  *[Symbol.iterator]() { for (const s of this.#steps) yield s.name; }
  get [Symbol.toStringTag]() { return "Pipeline"; }
}
const p = new Pipeline().add("trim", (s) => s.trim()).add("upper", (s) => s.toUpperCase()).add("wrap", (s) => `[${s}]`);
console.log(p.runAll("  hello "));
console.log([...p].join(">"));
console.log(Object.prototype.toString.call(p));

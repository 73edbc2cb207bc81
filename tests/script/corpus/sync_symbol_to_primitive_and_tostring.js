class Duration {
  constructor(ms) { this.ms = ms; }
  [Symbol.toPrimitive](hint) { return hint === "number" ? this.ms : hint === "string" ? `${this.ms / 1000}s` : `Duration(${this.ms})`; }
}
const d = new Duration(1500);
console.log(+d, `${d}`, d + "", d * 2, String(d));
console.log([new Duration(10), new Duration(2)].sort((a, b) => a - b).map(String).join(" "));
class Version {
  constructor(s) { [this.major, this.minor] = s.split(".").map(Number); }
  valueOf() { return this.major * 1000 + this.minor; }
  toString() { return `v${this.major}.${this.minor}`; }
}
const v1 = new Version("1.2"), v2 = new Version("1.10");
console.log(v1 < v2, v1 > v2, `${v1}`, v1 + 0, [v1, v2].join(" & "));
console.log(Symbol("x").toString(), Symbol("y").description, typeof Symbol.iterator);

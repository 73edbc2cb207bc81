// Computed property names: values, methods, getters and setters, symbols,
// in order with the plain properties around them.
const field = "port", s = Symbol("id");
let n = 0;
const o = {
  name: "web",
  [field]: 8080,
  ["max" + "Retries"]: 3,
  [s]: 42,
  [`env_${1 + 1}`]: "two",
  [n++]: "zero", [n++]: "one",
  [field + "Label"]() { return "port " + this.port; },
  get [field + "Next"]() { return this.port + 1; },
  set [field + "Next"](v) { this.port = v - 1; },
  after: true,
};
console.log(o, Object.keys(o), o[s], n);
console.log(o.portLabel(), o.portLabel.name, o.portNext);
o.portNext = 10;
console.log(o.port);
const handlers = { [`on${"Start"}`]: () => 1 };
console.log(handlers.onStart.name, Object.keys(handlers));
const dup = { a: 1, ["a"]: 2 };
console.log(dup);

class Counter {
  count = 0;
  step = this.count + 2;
  inc = () => { this.count += this.step; return this.count; };
  static defaults = { step: 2, label: "ctr" };
  ["dyn" + "Field"] = "computed";
}
const c = new Counter();
const { inc } = c;
inc(); inc();
console.log(c.count, c.step, c.dynField);
console.log(Object.keys(c).join(","));
console.log(JSON.stringify(Counter.defaults));
const handlers = [1, 2, 3].map(() => c.inc);
console.log(handlers.map((h) => h()).join(" "));

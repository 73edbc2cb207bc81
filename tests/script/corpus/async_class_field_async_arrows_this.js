class Counter {
  count = 0;
  label = "ctr";
  incLater = async (n = 1) => { await null; this.count += n; return this; };
  report = async () => `${this.label}=${this.count}`;
  static instances = 0;
  constructor(label) { if (label) this.label = label; Counter.instances++; }
}
(async () => {
  const c = new Counter("jobs");
  const { incLater, report } = c;
  await incLater();
  await incLater(5);
  console.log(await report());
  const d = new Counter();
  await Promise.all([d.incLater(2), d.incLater(3)].map((p) => p.then((self) => self.count)));
  console.log(await d.report(), Counter.instances);
  console.log((await c.incLater(10)) === c, c.count);
})();

class Deferred {
  constructor(value, ms) { this.value = value; this.ms = ms; }
  then(resolve, reject) {
    setTimeout(() => (this.value instanceof Error ? reject(this.value) : resolve(this.value)), this.ms);
  }
}
(async () => {
  const { host, port } = await new Deferred({ host: "localhost", port: 9000 }, 3);
  console.log(host, port);
  try { await new Deferred(new Error("thenable rejected"), 1); } catch (e) { console.log("caught", e.message); }
  const [x, y] = await Promise.all([new Deferred("x", 8), new Deferred("y", 1)]);
  console.log(x, y);
  const chained = await Promise.resolve(new Deferred(new Deferred("deep", 1), 1));
  console.log(chained);
})();

class Batch extends Array {
  static async fromAsync(source) {
    const b = new Batch();
    for await (const item of source) b.push(item);
    return b;
  }
  get total() { let t = 0; for (const x of this) t += x; return t; }
  describe() { return `Batch(${this.length}) total=${this.total}`; }
}
async function* nums() { yield 4; await null; yield 5; yield 6; }
(async () => {
  const b = await Batch.fromAsync(nums());
  console.log(b.describe(), b instanceof Batch, Array.isArray(b));
  const c = await Batch.fromAsync([Promise.resolve(1), 2]);
  c.push(await Promise.resolve(10));
  console.log(c.describe(), c.join("+"));
})();

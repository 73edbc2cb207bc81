class Pipeline {
  #steps = [];
  #trace = [];
  async #validate(x) { await null; if (x < 0) throw new RangeError(`negative: ${x}`); return x; }
  async #transform(x) { const v = await this.#validate(x); this.#trace.push(`t${v}`); return v * 2; }
  async #store(x) { const v = await this.#transform(x); this.#steps.push(v); return v; }
  async run(values) {
    for (const v of values) {
      try { await this.#store(v); }
      catch (e) { this.#trace.push(`${e.name}(${e.message})`); }
    }
    return { steps: this.#steps, trace: this.#trace };
  }
  static async #helper() { return "static private"; }
  static async describe() { return `${await Pipeline.#helper()} ok`; }
}
(async () => {
  const { steps, trace } = await new Pipeline().run([1, -2, 3]);
  console.log(steps.join(","));
  console.log(trace.join(" "));
  console.log(await Pipeline.describe());
})();

class Hooks {
  #handlers = new Map();
  on(evt, fn) { (this.#handlers.get(evt) ?? this.#handlers.set(evt, []).get(evt)).push(fn); return this; }
  async emit(evt, ...args) {
    const results = [];
    for (const fn of this.#handlers.get(evt) ?? []) results.push(await fn(...args));
    return results;
  }
}
const h = new Hooks()
  .on("start", async (name) => { await new Promise((r) => setTimeout(r, 6)); return `slow ${name}`; })
  .on("start", (name) => `sync ${name}`)
  .on("start", async (name) => `fast ${name}`);
(async () => {
  console.log((await h.emit("start", "web")).join(" | "));
  console.log((await h.emit("stop")).length);
  const [first] = await h.emit("start", "db");
  console.log(first);
})();

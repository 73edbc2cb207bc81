class Emitter {
  #handlers = new Map();
  on(ev, fn) { (this.#handlers.get(ev) ?? this.#handlers.set(ev, []).get(ev)).push(fn); return this; }
  async emit(ev, ...args) {
    const out = [];
    for (const h of this.#handlers.get(ev) ?? []) out.push(await h(...args));
    return out;
  }
  once(ev) { return new Promise((resolve) => this.on(ev, resolve)); }
}
const e = new Emitter();
e.on("start", async (n) => { await null; return `h1:${n}`; }).on("start", (n) => `h2:${n}`);
(async () => {
  console.log((await e.emit("start", "web")).join(" "));
  console.log((await e.emit("none")).length);
  const p = e.once("ready");
  setTimeout(() => e.emit("ready", { port: 80 }), 2);
  const { port } = await p;
  console.log("ready on", port);
})();

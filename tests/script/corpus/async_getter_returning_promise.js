const delay = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
class Remote {
  #calls = 0;
  get status() { this.#calls++; return delay(2, this.#calls > 1 ? "up" : "starting"); }
  get calls() { return this.#calls; }
  static get version() { return Promise.resolve("1.2.3"); }
}
const obj = { get lazy() { return (async () => { await null; return "lazy value"; })(); } };
(async () => {
  const r = new Remote();
  console.log(await r.status, await r.status, r.calls);
  console.log("version", await Remote.version);
  const { lazy } = obj;
  console.log(lazy instanceof Promise, await lazy);
  const [a, b] = await Promise.all([r.status, r.status]);
  console.log(a, b, r.calls);
})();

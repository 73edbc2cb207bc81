const delay = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
class Config {
  #cache = {};
  loads = 0;
  async get(key) {
    const c = this.#cache;
    c.value ??= this.#load(key);
    return c.value;
  }
  async #load(key) { this.loads++; await delay(2); return { key, port: 8000 + key.length }; }
}
(async () => {
  const cfg = new Config();
  const [a, b] = await Promise.all([cfg.get("web"), cfg.get("web")]);
  console.log(a === b, a.port, cfg.loads);
  let token = null;
  token ||= await delay(1, "tok-1");
  token ||= await delay(1, "tok-2");
  let flag = true;
  flag &&= await delay(1, false);
  console.log(token, flag);
})();

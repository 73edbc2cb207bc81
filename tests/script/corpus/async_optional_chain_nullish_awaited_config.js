const configs = { web: { listen: { port: 8080 }, env: { MODE: "" } }, worker: null };
const load = async (name) => { await null; return configs[name]; };
(async () => {
  const web = await load("web");
  console.log(web?.listen?.port ?? 80, web?.env?.MODE ?? "unset", web?.env?.MODE || "empty");
  console.log((await load("worker"))?.listen?.port ?? "no worker", (await load("missing"))?.listen ?? "missing");
  const ports = await Promise.all(["web", "worker", "x"].map(async (n) => (await load(n))?.listen?.port ?? 0));
  console.log(ports.join(","));
  const cfg = (await load("worker")) ?? (await load("web"));
  console.log(cfg.listen.port, typeof (await load("x"))?.a.b.c);
  let cache = null;
  cache ??= await load("web");
  console.log(cache === web);
})();

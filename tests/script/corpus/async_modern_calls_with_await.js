// Spread, defaults, rest, optional chains and logical assignment around
// awaited values.
const delay = (v, ms = 5) => new Promise((r) => setTimeout(() => r(v), ms));
async function fetchConfig(name = "web", ...extra) {
  const base = await delay({ name, ports: [80, 443], tls: null });
  base.extra = [...extra, ...(await delay([9]))];
  return base;
}
async function main() {
  const c = await fetchConfig();
  console.log(c.name, Math.max(...c.ports), c.tls?.cert ?? "no cert", c.extra);
  const d = await fetchConfig("api", 1, 2);
  console.log(d.name, d.extra, (await delay(null))?.x, (await delay({ x: { y: 3 } }))?.x?.y);
  const opts = {};
  opts.retries ??= await delay(4);
  opts.name ||= await delay("svc");
  console.log(opts, [...(await Promise.all([delay(1), delay(2, 1)]))]);
  const key = await delay("dyn");
  console.log({ [key]: await delay(5), after: 6 });
  const y0 = await delay(7);
  const f = async (x, y = y0) => x + y;
  console.log(await f(1), await f(1, 1));
}
main().then(() => console.log("done"));

const check = (name, ms, ok) => new Promise((res, rej) => setTimeout(() => (ok ? res(`${name}:up`) : rej(new Error(`${name}:down`))), ms));
(async () => {
  const settled = await Promise.allSettled([check("a", 3, true), check("b", 1, false), check("c", 2, true)]);
  console.log(settled.map((s) => s.status === "fulfilled" ? s.value : s.reason.message).join(" "));
  console.log(await Promise.race([check("slow", 15, true), check("fast", 2, true)]));
  console.log(await Promise.any([check("x", 1, false), check("y", 4, true), check("z", 6, true)]));
  try { await Promise.any([check("p", 1, false), check("q", 2, false)]); }
  catch (e) { console.log(e.constructor.name, e.errors.map((x) => x.message).join(",")); }
  try { await Promise.all([check("m", 5, true), check("n", 1, false)]); }
  catch (e) { console.log("all rejected:", e.message); }
  const timeout = (p, ms) => Promise.race([p, new Promise((_, r) => setTimeout(() => r(new Error("timeout")), ms))]);
  console.log(await timeout(check("quick", 1, true), 10), await timeout(check("never", 20, true), 3).catch((e) => e.message));
})();

const tick = () => new Promise((r) => setTimeout(r, 1));
const log = [];
async function withResource(name, fn) {
  log.push(`open ${name}`);
  try { return await fn(name); }
  finally { await tick(); log.push(`close ${name}`); }
}
(async () => {
  const v = await withResource("a", async (n) => { await tick(); return n.toUpperCase(); });
  console.log(v);
  try { await withResource("b", async () => { await tick(); throw new Error("boom"); }); }
  catch ({ message }) { log.push(`caught ${message}`); }
  const nested = await withResource("outer", (o) => withResource("inner", async (i) => `${o}+${i}`));
  console.log(nested);
  console.log(log.join("; "));
})();

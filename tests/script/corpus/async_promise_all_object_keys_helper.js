const delay = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
async function allKeys(obj) {
  const entries = await Promise.all(Object.entries(obj).map(async ([k, v]) => [k, await v]));
  return Object.fromEntries(entries);
}
(async () => {
  const { db, cache, queue = "no queue" } = await allKeys({ db: delay(6, "pg"), cache: delay(1, "redis"), static: 5 });
  console.log(db, cache, queue);
  const res = await allKeys({});
  console.log(JSON.stringify(res), Object.keys(res).length);
  try { await allKeys({ ok: 1, bad: Promise.reject(new Error("bad key")) }); }
  catch (e) { console.log("failed:", e.message); }
})();

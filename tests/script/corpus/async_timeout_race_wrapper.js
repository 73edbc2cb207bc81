const sleep = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
class TimeoutError extends Error { constructor(ms) { super(`timed out after ${ms}ms`); this.name = "TimeoutError"; } }
function withTimeout(p, ms) {
  let timer;
  const t = new Promise((_, j) => { timer = setTimeout(() => j(new TimeoutError(ms)), ms); });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
(async () => {
  console.log(await withTimeout(sleep(2, "fast result"), 15));
  try { await withTimeout(sleep(20, "never"), 4); }
  catch (e) { console.log(e.name, e.message, e instanceof TimeoutError, e instanceof Error); }
  const results = await Promise.allSettled([withTimeout(sleep(1, "a"), 10), withTimeout(sleep(18, "b"), 3)]);
  console.log(results.map((r) => r.status + ":" + (r.value ?? r.reason.name)).join(" "));
})();

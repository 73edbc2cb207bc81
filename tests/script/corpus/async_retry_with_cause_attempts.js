function flaky(failTimes) {
  let n = 0;
  return async () => { n++; await null; if (n <= failTimes) throw new Error(`attempt ${n} failed`); return `ok on ${n}`; };
}
async function retry(fn, attempts, delayMs = 1) {
  let lastError;
  for (let i = 1; i <= attempts; i++) {
    try { return await fn(); }
    catch (e) { lastError = e; await new Promise((r) => setTimeout(r, delayMs * i)); }
  }
  throw new Error(`gave up after ${attempts}`, { cause: lastError });
}
(async () => {
  console.log(await retry(flaky(2), 3));
  try { await retry(flaky(5), 2); }
  catch (e) { console.log(e.message, "|", e.cause.message); }
  const [a, b] = await Promise.all([retry(flaky(0), 1), retry(flaky(1), 2)]);
  console.log(a, "/", b);
})();

const wait = (ms) => new Promise((r) => setTimeout(r, ms));
let attempts = 0;
async function flaky(name) {
  attempts++;
  await wait(1);
  if (attempts % 3 !== 0) throw new Error(`${name} attempt ${attempts} failed`);
  return `${name} ok@${attempts}`;
}
async function retry(fn, tries) {
  let lastErr;
  for (let i = 1; i <= tries; i++) {
    try { return await fn(); } catch (e) { lastErr = e; console.log("retry", i, e.message); }
  }
  throw new Error("gave up", { cause: lastErr });
}
(async () => {
  for (const name of ["alpha", "beta"]) console.log(await retry(() => flaky(name), 3));
  attempts = 0;
  try { await retry(() => flaky("gamma"), 2); } catch (e) { console.log(e.message, "|", e.cause.message); }
})();

const sleep = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
async function* countdown(n) {
  while (n > 0) { await sleep(1); yield n--; }
  return "liftoff";
}
(async () => {
  for await (const n of countdown(3)) console.log(n);
  const it = countdown(1);
  console.log(JSON.stringify(await it.next()), JSON.stringify(await it.next()));
})();

// for...of with await inside, over awaited arrays, with closures per
// iteration.
const delay = (v, ms = 2) => new Promise((r) => setTimeout(() => r(v), ms));
async function main() {
  const results = [];
  for (const name of await delay(["db", "cache", "web"])) {
    results.push(await delay(name.toUpperCase()));
    if (name === "cache") continue;
    console.log("started", name);
  }
  console.log(results);
  const later = [];
  for (const [i, svc] of results.entries()) later.push(() => i + ":" + svc);
  console.log(later.map((f) => f()));
  for (const p of [delay(1, 5), delay(2, 1)]) console.log(await p);
  for (const { n, wait = 1 } of [{ n: "a" }, { n: "b", wait: 3 }]) {
    await delay(null, wait);
    setTimeout(() => console.log("timer", n), 1);
  }
  await delay(null, 10);
}
main().then(() => console.log("done"));

const log = [];
const task = (name, ms) => new Promise((r) => setTimeout(() => { log.push(name); r(name); }, ms));
(async () => {
  const a = await task("seq-slow", 12);
  const b = await task("seq-fast", 2);
  console.log("sequential:", a, b, "log:", log.join(","));
  log.length = 0;
  const pa = task("par-slow", 14);
  const pb = task("par-fast", 2);
  const pc = task("par-mid", 8);
  console.log("parallel:", await pa, await pb, await pc, "log:", log.join(","));
  log.length = 0;
  const results = [];
  for (const p of [task("loop-20", 20), task("loop-1", 1)]) results.push(await p);
  console.log("loop:", results.join(","), "log:", log.join(","));
})();

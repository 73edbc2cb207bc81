const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const finished = [];
(async () => {
  const delays = [12, 2, 7];
  const results = await Promise.all(delays.map(async (ms, i, arr) => {
    await sleep(ms);
    finished.push(i);
    return `${i}/${arr.length}:${ms}`;
  }));
  console.log("results", results.join(" "));
  console.log("finished", finished.join(","));
  const flags = await Promise.all([3, 4, 5].map(async (n) => n % 2 === 0));
  console.log(flags.filter(Boolean).length, flags.join(","));
  const nested = await Promise.all([[1, 2], [3]].map(async (group) => Promise.all(group.map(async (x) => x * 10))));
  console.log(JSON.stringify(nested));
})();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function runLimited(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0, active = 0, maxActive = 0;
  const worker = async (id) => {
    while (next < tasks.length) {
      const idx = next++;
      active++; maxActive = Math.max(maxActive, active);
      results[idx] = await tasks[idx](id);
      active--;
    }
  };
  await Promise.all(Array.from({ length: limit }, (_, i) => worker(i)));
  return { results, maxActive };
}
const tasks = [5, 1, 3, 2, 4].map((ms, i) => async () => { await sleep(ms); return `t${i}`; });
runLimited(tasks, 2).then(({ results, maxActive }) => {
  console.log(results.join(","));
  console.log("max concurrency", maxActive);
});

// Sequential awaits on timers inside loops keep their order.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function worker(name, delays) {
  for (let i = 0; i < delays.length; i++) {
    await sleep(delays[i]);
    console.log(name, 'step', i);
  }
  return name + ' done';
}
Promise.all([worker('A', [5, 30]), worker('B', [20, 30])]).then((r) => console.log(r));

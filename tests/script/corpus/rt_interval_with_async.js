// An async interval body overlapping awaits.
let runs = 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const id = setInterval(async () => {
  const n = ++runs;
  console.log('run', n, 'start');
  if (n === 3) clearInterval(id);
  await sleep(1);
  console.log('run', n, 'end');
}, 50);

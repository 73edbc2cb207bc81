// Common async helpers written the modern way: sleep, timeout race, retry with backoff.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
async function retry(fn, attempts) {
  let lastError;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn(i);
    } catch (e) {
      lastError = e;
      console.log(`attempt ${i} failed: ${e.message}`);
      await sleep(Math.pow(2, i));
    }
  }
  throw lastError;
}
async function main() {
  console.log(await withTimeout(sleep(5).then(() => 'fast enough'), 50));
  try {
    await withTimeout(sleep(100), 10);
  } catch (e) {
    console.log(e.message);
  }
  const v = await retry(async (i) => {
    if (i < 2) throw new Error(`flaky ${i}`);
    return `ok on attempt ${i}`;
  }, 5);
  console.log(v);
  try {
    await retry(async () => { throw new Error('always'); }, 2);
  } catch (e) {
    console.log('gave up:', e.message);
  }
}
main().then(() => console.log('main done'));

const delay = (ms, v) => new Promise((r) => setTimeout(() => { order.push(v); r(v); }, ms));
const order = [];
(async () => {
  const got = [];
  for await (const v of [delay(12, "slow"), delay(2, "fast"), "plain", Promise.resolve("resolved")]) {
    got.push(v);
  }
  console.log("consumed", got.join(","));
  console.log("settled", order.join(","));
  let sum = 0;
  for await (const n of new Set([1, Promise.resolve(2), 3])) sum += n;
  console.log("sum", sum);
})();

const delay = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
(async () => {
  for await (const v of [delay(10, "slow"), delay(1, "fast"), "plain"]) console.log(v);
  const seen = [];
  for await (const ch of "hey") seen.push(ch);
  console.log(seen);
})();

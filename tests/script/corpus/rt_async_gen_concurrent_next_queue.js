async function* slow() {
  for (const ms of [8, 1, 4]) {
    await new Promise((r) => setTimeout(r, ms));
    yield ms;
  }
  return "fin";
}
(async () => {
  const g = slow();
  const order = [];
  const ps = [g.next(), g.next(), g.next(), g.next(), g.next()].map((p, i) => p.then((r) => { order.push(i); return r; }));
  const results = await Promise.all(ps);
  console.log(results.map(({ value, done }) => `${value}${done ? "!" : ""}`).join(" "));
  console.log("resolution order", order.join(","));
})();

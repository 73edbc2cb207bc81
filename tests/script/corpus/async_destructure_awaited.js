const load = () => Promise.resolve({ port: 80, hosts: ["a", "b", "c"], tls: { on: true } });
(async () => {
  const { port, hosts: [first, ...others], tls: { on }, missing = "default" } = await load();
  console.log(port, first, others, on, missing);
  let x, y;
  [x, y] = await Promise.all([1, 2]);
  console.log(x + y);
})();

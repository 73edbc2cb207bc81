const delay = (ms) => new Promise((r) => setTimeout(r, ms));
const units = [{ name: "db", wait: 3, port: 5432 }, { name: "cache", wait: 1 }, { name: "web", wait: 2, port: 80, needs: ["db", "cache"] }];
(async () => {
  const started = new Map();
  for (const { name, wait, port = null, needs = [] } of units) {
    for (const dep of needs) if (!started.has(dep)) throw new Error(`missing ${dep}`);
    await delay(wait);
    started.set(name, { port, order: started.size + 1 });
  }
  console.log([...started.keys()].join(" > "));
  console.log(JSON.stringify(Object.fromEntries(started)));
  const ports = [];
  for (const [name, { port }] of started) if (port ?? false) ports.push(`${name}:${port}`);
  console.log(ports.join(" "));
  const stops = [];
  for (const name of [...started.keys()].reverse()) { await delay(1); stops.push(name); }
  console.log(stops.join(" < "));
})();

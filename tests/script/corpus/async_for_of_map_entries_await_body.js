const lookup = (k) => new Promise((r) => setTimeout(() => r(k.toUpperCase()), k.length));
const services = new Map([["web", 2], ["db", 1], ["cache", 3]]);
(async () => {
  const out = [];
  for (const [name, weight] of services) {
    const label = await lookup(name);
    out.push(`${label}:${weight * 10}`);
    if (weight === 1) {
      const extra = await Promise.resolve("primary");
      out.push(extra);
    }
  }
  console.log(out.join(" "));
  let total = 0;
  for (const w of services.values()) total += await w;
  console.log("total", total);
})();

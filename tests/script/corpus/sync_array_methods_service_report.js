const services = [
  { name: "web", cpu: 12.5, deps: ["db", "cache"], up: true },
  { name: "db", cpu: 40.25, deps: [], up: true },
  { name: "cache", cpu: 3, deps: ["db"], up: false },
  { name: "worker", cpu: 22, deps: ["db", "queue"], up: true },
];
console.log(services.filter((s) => s.up).map((s) => s.name).join(","));
console.log(services.reduce((sum, s) => sum + s.cpu, 0).toFixed(2));
console.log([...new Set(services.flatMap((s) => s.deps))].sort().join(" "));
console.log(services.findLast((s) => s.cpu > 10).name, services.findLastIndex((s) => !s.up));
console.log(services.at(-1).name, services.at(0).deps.at(-1));
const sorted = [...services].sort((a, b) => b.cpu - a.cpu || a.name.localeCompare(b.name));
console.log(sorted.map((s) => `${s.name}=${s.cpu}`).join(" "));
console.log(services.some((s) => s.deps.includes("queue")), services.every((s) => typeof s.cpu === "number"));

const deps = { web: ["db", "cache", "auth"], worker: ["db", "queue"], auth: ["db"], cache: [], db: [], queue: [] };
const union = (a, b) => new Set([...a, ...b]);
const inter = (a, b) => new Set([...a].filter((x) => b.has(x)));
const diff = (a, b) => new Set([...a].filter((x) => !b.has(x)));
const w = new Set(deps.web), k = new Set(deps.worker);
console.log([...union(w, k)].join(","), [...inter(w, k)].join(","), [...diff(w, k)].join(","));
function order(name, seen = new Set(), out = []) {
  if (seen.has(name)) return out;
  seen.add(name);
  for (const d of deps[name]) order(d, seen, out);
  out.push(name);
  return out;
}
console.log(order("web").join(" -> "));
const all = new Set();
for (const n of Object.keys(deps)) order(n, all);
console.log(all.size, [...all].at(-1));
const s = new Set([3, 1, 2]); s.delete(1); s.add(1);
console.log([...s].join(""), [...s.entries()][0].join("="), [...s.values()].reduce((a, b) => a + b));

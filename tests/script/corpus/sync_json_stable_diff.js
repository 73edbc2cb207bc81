const stable = (v) => Array.isArray(v) ? `[${v.map(stable).join(",")}]` : v && typeof v === "object" ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable(v[k])}`).join(",")}}` : JSON.stringify(v);
const a = { b: 1, a: { d: [3, 1], c: null }, e: "x" };
const b = { e: "x", a: { c: null, d: [3, 1] }, b: 1 };
console.log(stable(a));
console.log(stable(a) === stable(b), JSON.stringify(a) === JSON.stringify(b));
function diff(x, y, path = "") {
  if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) return x === y ? [] : [`${path || "."}: ${JSON.stringify(x)} -> ${JSON.stringify(y)}`];
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].flatMap((k) => diff(x[k], y[k], `${path}.${k}`));
}
console.log(diff({ port: 80, tls: { on: false }, tags: ["a"] }, { port: 443, tls: { on: true }, tags: ["a", "b"], new: 1 }).join("\n"));
console.log(JSON.stringify(JSON.parse(JSON.stringify({ n: -0, big: 1e300, small: 1e-7 }))));

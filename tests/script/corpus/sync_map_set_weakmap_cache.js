const meta = new WeakMap();
class Proc { constructor(pid) { this.pid = pid; } }
const procs = [new Proc(1), new Proc(2), new Proc(3)];
procs.forEach((p, i) => meta.set(p, { restarts: i * 2 }));
console.log(procs.map((p) => meta.get(p).restarts).join(","), meta.has(procs[0]), meta.has({}));
meta.delete(procs[1]);
console.log(meta.has(procs[1]), meta.get(procs[1]));
const seen = new Set(["a", "b"]);
seen.add("a").add("c");
console.log(seen.size, [...seen].join(""), seen.has("c"));
const m = new Map(Object.entries({ x: 1, y: 2 }));
m.set("z", 3).delete("x");
console.log([...m].map(([k, v]) => k + v).join(" "), m.size);
const inverse = new Map([...m].map(([k, v]) => [v, k]));
console.log(inverse.get(3), [...inverse.keys()].join(","));
const ws = new WeakSet(); ws.add(procs[0]);
console.log(ws.has(procs[0]), ws.has(procs[2]));

const unit = { name: "web", port: 8080, secret: "hunter2", nested: { a: [1, 2, { b: null }] }, skip: undefined };
console.log(JSON.stringify(unit, ["name", "port"]));
console.log(JSON.stringify(unit, (k, v) => (k === "secret" ? "***" : v)));
console.log(JSON.stringify({ a: 1, b: [1, 2] }, null, 2));
console.log(JSON.stringify([undefined, () => 1, Symbol("s"), NaN, Infinity]));
const parsed = JSON.parse('{"n":1,"d":"2024-01-01T00:00:00.000Z","list":[1,2,3]}', (k, v) => (k === "d" ? new Date(v).getUTCFullYear() : v));
console.log(parsed.d, parsed.list.length, JSON.stringify(parsed));
try { JSON.parse("{bad json}"); } catch (e) { console.log(e.constructor.name); }
console.log(JSON.stringify("line\nbreak\t\"q\""), JSON.stringify({ "": 0, "a b": 1 }));
console.log(JSON.stringify(new Map([[1, 2]])), JSON.stringify([new Set([1])]), JSON.stringify({ toJSON() { return "custom"; } }));

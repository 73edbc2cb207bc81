// Destructuring assignments (swaps, members, defaults) and parameters.
let a = 1, b = 2;
[a, b] = [b, a];
console.log(a, b);
const target = {};
({ x: target.x, y: target["y"] = "dy", ...target.rest } = { x: 1, z: 3, w: 4 });
console.log(target);
let n, m;
const result = ({ n, m = 5 } = { n: 7 });
console.log(n, m, result);
function connect({ host = "localhost", port = 80, tls: { enabled = false } = {} } = {}) {
  return host + ":" + port + (enabled ? " (tls)" : "");
}
console.log(connect(), connect({ port: 443, tls: { enabled: true } }), connect.length);
const sum = ([x, y, ...more]) => x + y + more.length;
console.log(sum([1, 2, 3, 4]), sum.length);
function pair(label, [first, second] = ["-", "-"], { sep } = { sep: "/" }) {
  return label + ": " + first + sep + second;
}
console.log(pair("a"), pair("b", [1, 2], { sep: "|" }), pair.length);
const entries = Object.entries({ one: 1, two: 2 });
console.log(entries.map(([k, v]) => k + "=" + v).join("&"));
try { throw new TypeError("bad input"); } catch ({ name, message }) { console.log(name, message); }
const swap = (arr, i, j) => { [arr[i], arr[j]] = [arr[j], arr[i]]; return arr; };
console.log(swap([1, 2, 3], 0, 2));
let s1, s2;
[s1 = "d1", s2 = "d2"] = [undefined, null];
console.log(s1, s2);
const gen = { [Symbol.iterator]() { let i = 0; return { next: () => ({ value: i++, done: false }), return() { console.log("closed"); return {}; } }; } };
const [g0, g1] = gen;
console.log(g0, g1);

// Destructuring in var, let and const: nested, with defaults, holes, rest
// and computed keys.
const config = { name: "web", port: 8080, env: { NODE_ENV: "production" }, args: ["--x", "-v", "extra"] };
const { name, port: listenPort, env: { NODE_ENV: mode = "dev", DEBUG = "off" }, missing = "fallback" } = config;
console.log(name, listenPort, mode, DEBUG, missing);
const [flag, , ...others] = config.args;
console.log(flag, others);
let [a = 1, b = a * 2, c = b + 1] = [5];
console.log(a, b, c);
var { length } = "hello", [first, second] = "hi";
console.log(length, first, second);
const key = "port";
const { [key]: picked, ["na" + "me"]: named } = config;
console.log(picked, named);
const { port, ...rest } = config;
console.log(port, Object.keys(rest));
const [[x1, y1], [x2, y2] = [0, 0]] = [[1, 2]];
console.log(x1, y1, x2, y2);
const { fn = () => 1, anon = function () {} } = {};
console.log(fn.name, anon.name);
let { u } = { u: undefined }, { v = "def" } = { v: null };
console.log(u, v);
for (let i = 0, [p, q] = [10, 20]; i < 2; i++) console.log(i, p + q);
try { const { z } = null; } catch (e) { console.log(e.constructor.name); }
try { const [w] = {}; } catch (e) { console.log(e.constructor.name); }
const m = new Map([["k1", 1], ["k2", 2]]);
const [[k1, v1], second2] = m;
console.log(k1, v1, second2);

// Default parameters: evaluated per call, only for undefined, left to right.
function greet(name = "world", punct = "!") { return "hello " + name + punct; }
console.log(greet(), greet("ann"), greet(undefined, "?"), greet(null), greet.length);
function counter(start, step = 1, limit = start + 10 * step) { return [start, step, limit]; }
console.log(counter(0), counter(5, 2), counter(1, undefined, 3), counter.length);
let calls = 0;
function next() { return ++calls; }
function lazy(a = next()) { return a; }
console.log(lazy(), lazy(7), lazy(), calls);
const arrow = (x, y = x * 2) => x + y;
console.log(arrow(1), arrow(1, 1), arrow.length);
function cb(fn = function () {}, g = () => 0) { return [fn.name, g.name]; }
console.log(cb());
const o = { base: 10, add(v = this.base) { return v + 1; } };
console.log(o.add(), o.add(1));
function args(a, b = 2) { return arguments.length; }
console.log(args(), args(1), args(1, 2, 3));

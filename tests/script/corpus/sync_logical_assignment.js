// ||=, &&= and ??=: they assign only when the operator would pick the right.
let a = 0, b = 1, c = null, d = 0;
a ||= 10; b ||= 20; c ??= 30; d ??= 40;
console.log(a, b, c, d);
let e = 1, f = 0;
e &&= 5; f &&= 6;
console.log(e, f);
const opts = { retries: 0, name: "" };
opts.retries ??= 3; opts.timeout ??= 1000; opts.name ||= "default"; opts.verbose &&= true;
console.log(opts);
let calls = 0;
const rhs = () => { calls++; return "v"; };
let g = "set";
g ||= rhs(); g ??= rhs();
console.log(g, calls);
const arr = [null, 2];
arr[0] ??= "first"; arr[1] ||= "second";
console.log(arr);
let h;
h ||= function () {};
console.log(h.name, typeof h);
const k = 1;
try { k ||= 2; console.log("no throw", k); k &&= 3; } catch (err) { console.log(err.constructor.name, err.message); }

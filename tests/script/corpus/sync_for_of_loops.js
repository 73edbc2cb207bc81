// for...of over arrays, strings, Map, Set, arguments and iterables; with
// patterns, member targets, labels, and closures that capture the binding.
for (const x of [1, 2, 3]) console.log(x);
for (const ch of "hé") console.log(ch);
for (const [k, v] of new Map([["a", 1], ["b", 2]])) console.log(k, v);
for (const v of new Set([5, 5, 6])) console.log(v);
const fns = [];
for (const s of ["x", "y"]) fns.push(() => s);
console.log(fns.map((f) => f()));
let last;
for (last of [7, 8]) {}
console.log(last);
const o = {};
for (o.p of [9]) {}
console.log(o);
outer: for (const i of [1, 2, 3]) { for (const j of [1, 2]) { if (j === 2) continue outer; if (i === 3) break outer; console.log(i, j); } }
(function () { for (const a of arguments) console.log("arg", a); })(1, 2);
function find(list) { for (const { name, port = 80 } of list) { if (name === "b") return port; } return -1; }
console.log(find([{ name: "a" }, { name: "b" }]));
try { for (const x of {}) {} } catch (e) { console.log(e.constructor.name); }
for (var [i2, j2] of [[1, 2]]) {} console.log(i2, j2);

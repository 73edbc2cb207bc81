// Functions get the names node infers from what holds them.
const f = function () {};
let g = () => 1;
var h = async () => 2;
let k;
k = function () {};
const o = { m() {}, p: function () {}, q: () => {}, "r-s": function () {}, async t() {} };
const named = function inner() {};
console.log(f.name, g.name, h.name, k.name, named.name);
console.log(o.m.name, o.p.name, o.q.name, o["r-s"].name, o.t.name);
console.log([function () {}][0].name === "", (() => {}).name === "");
console.log(Object.getOwnPropertyDescriptor(f, "name").writable, g(), typeof h());

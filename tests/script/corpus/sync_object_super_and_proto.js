const base = { greet() { return "base"; }, get kind() { return "b:" + this.tag; } };
const obj = { __proto__: base, tag: "o", greet() { return "obj>" + super.greet(); }, get kind() { return super.kind + "!"; }, arrow() { return (() => super.greet())(); } };
console.log(obj.greet(), obj.kind, obj.arrow());
function make(n) { return { n, m() { return super.toString === Object.prototype.toString; } }; }
const a = make(1), b = make(2);
console.log(a.m(), b.m());
const k = "dyn";
const c = { __proto__: base, [k]() { return "c:" + super.greet(); } };
console.log(c.dyn());

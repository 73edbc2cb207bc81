function C(a) { this.a = a === undefined ? "none" : a; }
const ns = { C };
console.log(new C().a, new C(1).a, new ns.C(2).a, new (function () { this.a = "anon"; })().a);
const d = new Date(0);
console.log(d.getTime());

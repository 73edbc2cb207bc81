var async = 1, of = 2, get = 3, set = 4, from = 5, as = 6;
let let_ = async + of + get + set + from + as;
const f = async => async * 2;
function async2(x) { return x; }
console.log(let_, f(5), async2(async), typeof async);
const o = { get get() { return "g"; }, set set(v) { this.v = v; }, async: true };
o.set = 9;
console.log(o.get, o.v, o.async);

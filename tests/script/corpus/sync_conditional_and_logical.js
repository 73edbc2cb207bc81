const f = x => x && x.v || "none";
console.log(f(null), f({ v: "v" }), f({}));
const g = (a, b) => a > b ? a : b;
console.log(g(3, 9));

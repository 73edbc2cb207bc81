const f = (a, b,) => a + b;
function g(x, y,) { return x * y; }
console.log(f(1, 2,), g(3, 4,));

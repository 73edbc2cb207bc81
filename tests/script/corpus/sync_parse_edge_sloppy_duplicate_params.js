function f(a, a) { return a; }
console.log(f(1, 2));

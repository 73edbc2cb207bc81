const f = (a,
           b) =>
  a *
  b;
console.log(f(6, 7));
const g = x =>
  x + 1;
console.log(g(1));

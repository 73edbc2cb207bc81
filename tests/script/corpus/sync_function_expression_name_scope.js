const fact = function f(n) { return n <= 1 ? 1 : n * f(n - 1); };
console.log(fact(5));
function g() {
  let f = "let-f";
  { let f = "inner"; console.log(f); }
  return f;
}
console.log(g());

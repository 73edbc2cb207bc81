var x$1 = "taken";
function f() {
  var x = 1;
  { let x = 2; console.log(x, x$1); }
  return x;
}
console.log(f());

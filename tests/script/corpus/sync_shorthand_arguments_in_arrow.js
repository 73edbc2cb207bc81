function f() {
  const g = () => ({ arguments });
  return g().arguments.length;
}
console.log(f(1, 2, 3));

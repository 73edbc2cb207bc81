function outer() {
  const inner = () => arguments.length + ":" + arguments[0];
  return inner("ignored", "also");
}
console.log(outer("first", "second", "third"));

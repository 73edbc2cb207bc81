var name = "global";
function show() { return name; }
function test() {
  if (true) {
    let name = "block";
    console.log(name, show());
  }
  return typeof name;
}
console.log(test());

let counter = 0;
function inc() { counter++; return counter; }
function wrap() {
  let counter = 100;
  return inc() + counter;
}
console.log(wrap(), counter);

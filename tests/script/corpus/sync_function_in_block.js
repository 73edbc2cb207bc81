function outer() {
  let r = [];
  {
    let x = 1;
    r.push(x);
  }
  let x = 2;
  r.push(x);
  return r.join();
}
console.log(outer());

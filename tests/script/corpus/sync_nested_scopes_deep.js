let v = 0;
function a() {
  let v = 1;
  function b() {
    let v = 2;
    { let v = 3; console.log("block", v); }
    return v;
  }
  return [v, b()].join();
}
console.log(a(), v);

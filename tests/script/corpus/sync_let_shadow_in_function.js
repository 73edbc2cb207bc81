function f(flag) {
  var result = [];
  let v = 1;
  if (flag) {
    let v = 2;
    result.push(v);
  }
  result.push(v);
  return result.join(",");
}
console.log(f(true), f(false));

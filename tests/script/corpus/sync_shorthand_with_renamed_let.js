const v = "outer";
let out;
{
  let v = "inner";
  out = { v };
}
console.log(out.v, { v }.v);

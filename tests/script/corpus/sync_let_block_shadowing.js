let x = "outer";
{
  let x = "inner";
  console.log(x);
}
console.log(x);

async function f() {
  const v = await 42;
  console.log("got", v);
  return v + 1;
}
f().then(r => console.log("result", r));
console.log("sync first");

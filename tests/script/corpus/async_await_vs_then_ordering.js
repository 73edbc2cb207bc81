async function a() {
  console.log("a1");
  await null;
  console.log("a2");
}
Promise.resolve().then(() => console.log("t1")).then(() => console.log("t2"));
a();
console.log("sync");

setTimeout(() => console.log("timeout 0"), 0);
Promise.resolve().then(() => console.log("microtask"));
(async () => {
  console.log("async start");
  await null;
  console.log("after await");
})();
console.log("sync end");

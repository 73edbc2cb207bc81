console.log("1");
const p = new Promise(resolve => {
  console.log("2 executor runs synchronously");
  resolve("4");
});
p.then(v => console.log(v));
console.log("3");

Promise.resolve(1)
  .then(x => x + 1)
  .then(x => { console.log("chain", x); return x * 10; })
  .then(x => console.log("final", x));
console.log("before");

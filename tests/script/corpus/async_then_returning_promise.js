Promise.resolve("a")
  .then(v => new Promise(r => setTimeout(() => r(v + "b"), 5)))
  .then(v => console.log(v));

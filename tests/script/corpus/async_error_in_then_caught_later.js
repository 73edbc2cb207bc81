Promise.resolve()
  .then(() => { throw new Error("in then"); })
  .then(() => console.log("skipped"))
  .catch(e => console.log("caught", e.message))
  .finally(() => console.log("finally"));

const thenable = { then(resolve) { resolve("from thenable"); } };
(async () => {
  console.log(await thenable);
})();

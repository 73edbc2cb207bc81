(async () => {
  console.log(await undefined, await null, await 0, await "", await [1].length);
})();

const get = async v => v;
(async () => {
  console.log(`value: ${await get("x")} and ${await get(2)}`);
})();

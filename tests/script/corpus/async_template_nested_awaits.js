const get = (v, ms) => new Promise((r) => setTimeout(() => r(v), ms));
(async () => {
  const line = `host=${await get("web", 3)} port=${(await get(8000, 1)) + 80} tags=[${(await get(["a", "b"], 1)).join("|")}]`;
  console.log(line);
  const nested = `outer(${`inner(${await get("x", 1)})`}) ${await get(null, 1) ?? "none"}`;
  console.log(nested);
  const items = await Promise.all([1, 2, 3].map(async (n) => `<${n}:${await get(n * n, 4 - n)}>`));
  console.log(`${items.join("")} count=${items.length}`);
  console.log(`${await get({ toString() { return "custom"; } }, 1)}!`);
})();

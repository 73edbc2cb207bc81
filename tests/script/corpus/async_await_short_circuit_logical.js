const calls = [];
const check = async (name, result) => { calls.push(name); await null; return result; };
(async () => {
  const a = (await check("a", false)) && (await check("b", true));
  const b = (await check("c", 0)) || (await check("d", "fallback"));
  const c = (await check("e", null)) ?? (await check("f", "nullish"));
  const d = (await check("g", "set")) ?? (await check("h", "never"));
  console.log(a, b, c, d);
  console.log(calls.join(","));
  const ternary = (await check("i", true)) ? await check("j", "yes") : await check("k", "no");
  console.log(ternary, calls.slice(-2).join(","));
})();

const after = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
const failAfter = (ms, m) => new Promise((_, j) => setTimeout(() => j(new Error(m)), ms));
(async () => {
  const { name, port } = await Promise.race([after(15, { name: "slow", port: 1 }), after(2, { name: "fast", port: 2 })]);
  console.log("race", name, port);
  const [first, ...rest] = await Promise.any([failAfter(1, "a"), after(8, ["b", "c", "d"]), after(16, ["e"])]);
  console.log("any", first, rest.join("+"));
  try {
    await Promise.any([failAfter(2, "one"), failAfter(1, "two")]);
  } catch ({ constructor, errors: [e1, e2] }) {
    console.log(constructor.name, e1.message, e2.message);
  }
  const [winner] = await Promise.race([after(12, ["late"]), Promise.resolve(["now"])]);
  console.log("winner", winner);
})();

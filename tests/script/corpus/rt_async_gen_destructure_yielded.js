async function* records() {
  const rows = [{ id: 1, tags: ["x", "y"], info: { ok: true } }, { id: 2, tags: [] }, { id: 3, tags: ["z"], info: { ok: false } }];
  for (const row of rows) { await new Promise((r) => setTimeout(r, 1)); yield row; }
}
(async () => {
  const lines = [];
  for await (const { id, tags: [first = "none", ...more], info: { ok } = { ok: "?" } } of records()) {
    lines.push(`${id}:${first}+${more.length}:${ok}`);
  }
  console.log(lines.join(" "));
  const pairs = [];
  for await (const [k, v] of (async function* () { yield ["a", 1]; yield await Promise.resolve(["b", 2]); })()) pairs.push(k + v);
  console.log(pairs.join(","));
})();

const fetchVal = (v) => new Promise((r) => setTimeout(() => r(v), 1));
async function sql(strings, ...values) {
  const resolved = await Promise.all(values);
  return strings.reduce((acc, s, i) => acc + s + (i < resolved.length ? `'${resolved[i]}'` : ""), "");
}
function upper(strings, ...vals) {
  return strings.raw.map((s, i) => s + (i < vals.length ? String(vals[i]).toUpperCase() : "")).join("");
}
(async () => {
  console.log(await sql`SELECT * FROM ${fetchVal("users")} WHERE id = ${42}`);
  console.log(upper`name: ${await fetchVal("runy")} level: ${await fetchVal("info")}\n`);
  const q = sql`a=${Promise.resolve(1)} b=${fetchVal(2)}`;
  console.log(typeof q.then, await q);
})();

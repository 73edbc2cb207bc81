const log = [];
async function* source() {
  try {
    yield 1;
    await new Promise((r) => setTimeout(r, 1));
    yield 2;
    throw new Error("source broke");
  } finally { log.push("source-finally"); }
}
(async () => {
  try { for await (const v of source()) log.push(`got${v}`); }
  catch (e) { log.push(`caught:${e.message}`); }
  console.log(log.join(" "));
  log.length = 0;
  const g = source();
  await g.next();
  try { await g.throw(new Error("injected")); } catch (e) { log.push(`thrown:${e.message}`); }
  console.log(log.join(" "), JSON.stringify(await g.next()));
})();

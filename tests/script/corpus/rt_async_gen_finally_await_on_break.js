const log = [];
async function* source(name) {
  try {
    for (let i = 0; ; i++) {
      await new Promise((r) => setTimeout(r, 1));
      yield `${name}${i}`;
    }
  } finally {
    await null;
    log.push(`${name} cleanup`);
  }
}
async function firstN(gen, n) {
  const out = [];
  for await (const v of gen) { out.push(v); if (out.length === n) return out; }
}
(async () => {
  console.log((await firstN(source("a"), 2)).join(","));
  for await (const v of source("b")) { log.push(`got ${v}`); break; }
  try { for await (const v of source("c")) { throw new Error(`stop at ${v}`); } }
  catch (e) { log.push(e.message); }
  console.log(log.join(" | "));
})();

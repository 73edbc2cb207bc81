const log = [];
async function* inner(tag) {
  try { yield `${tag}1`; await null; yield `${tag}2`; }
  finally { log.push(`inner ${tag} done`); }
}
async function* outer() {
  try {
    yield* inner("a");
    yield* ["s1", "s2"];
    yield* inner("b");
  } finally { log.push("outer done"); }
}
(async () => {
  const all = [];
  for await (const v of outer()) all.push(v);
  console.log(all.join(","));
  const partial = [];
  for await (const v of outer()) { partial.push(v); if (v === "b1") break; }
  console.log(partial.join(","));
  console.log(log.join("; "));
})();

const events = [];
async function inner(fail) {
  try {
    events.push("inner try");
    await null;
    if (fail) throw new Error("inner boom");
    return "inner ok";
  } catch (e) {
    events.push(`inner catch ${e.message}`);
    throw new Error("rethrown", { cause: e });
  } finally {
    events.push("inner finally");
  }
}
async function outer(fail) {
  try { return await inner(fail); }
  catch (e) { events.push(`outer catch ${e.message}/${e.cause.message}`); return "recovered"; }
  finally { await null; events.push("outer finally"); }
}
(async () => {
  console.log(await outer(false), await outer(true));
  console.log(events.join("\n"));
})();

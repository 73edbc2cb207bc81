const log = [];
async function readConfig() { await null; throw new Error("ENOENT config.json"); }
async function loadService() {
  try { return await readConfig(); }
  catch (e) { throw new Error("cannot load service", { cause: e }); }
  finally { log.push("loadService finally"); }
}
async function start() {
  try { await loadService(); }
  catch (e) { throw new Error("start failed", { cause: e }); }
  finally { await Promise.resolve(); log.push("start finally"); }
}
(async () => {
  try { await start(); } catch (err) {
    const chain = [];
    for (let e = err; e; e = e.cause) chain.push(e.message);
    console.log(chain.join(" <- "));
  }
  console.log(log.join("; "));
  const noCause = new Error("plain");
  console.log("cause" in noCause, new Error("x", { cause: undefined }).hasOwnProperty("cause"));
})();

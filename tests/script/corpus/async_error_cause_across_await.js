const tick = () => new Promise((r) => setTimeout(r, 1));
class ServiceError extends Error {
  constructor(service, opts) { super(`service ${service} failed`, opts); this.name = "ServiceError"; this.service = service; }
}
async function readConfig(name) { await tick(); if (name === "bad") throw new Error(`cannot parse ${name}.conf`); return { name }; }
async function startService(name) {
  try { return await readConfig(name); }
  catch (cause) { throw new ServiceError(name, { cause }); }
}
(async () => {
  console.log((await startService("good")).name);
  try { await startService("bad"); }
  catch (e) { console.log(e.name, e.service, e.message); console.log("cause:", e.cause.message, e instanceof ServiceError); }
  const results = await Promise.allSettled(["good", "bad"].map(startService));
  console.log(results.map(({ status, value, reason }) => status + ":" + (value?.name ?? reason.cause.message)).join(" | "));
})();

class ConfigError extends Error {
  constructor(msg, opts) { super(msg, opts); this.name = "ConfigError"; }
  get root() { let e = this; while (e.cause) e = e.cause; return e.message; }
}
function load() {
  try { throw new Error("file missing"); }
  catch (e) { throw new ConfigError("load failed", { cause: e }); }
}
try { load(); } catch (e) {
  console.log(e.name, e.message);
  console.log(e instanceof ConfigError, e instanceof Error);
  console.log(e.cause.message, e.root);
  console.log(String(e));
  console.log("cause" in new Error("x"), "cause" in new Error("x", { cause: undefined }));
}

class AppError extends Error {
  constructor(message, { cause, code = "E_APP" } = {}) {
    super(message, { cause });
    this.name = new.target.name;
    this.code = code;
  }
}
class DbError extends AppError {}
const chain = (e) => { const out = []; for (let c = e; c; c = c.cause) out.push(`${c.name}:${c.message}`); return out.join(" <- "); };
try {
  try { JSON.parse("{"); }
  catch (e) { throw new DbError("query failed", { cause: e, code: "E_DB" }); }
} catch (e) {
  const top = new AppError("request failed", { cause: e });
  console.log(top.code, top.cause.code, top.cause.cause.constructor.name);
  console.log(chain(top).replace(/SyntaxError:.*$/, "SyntaxError:..."));
  console.log(top instanceof AppError, top.cause instanceof AppError, top.cause instanceof DbError);
}
const plain = new Error("p", { cause: "string cause" });
console.log(plain.cause, Object.keys(plain).length, new Error("q", {}).hasOwnProperty("cause"));

class HttpError extends Error {
  static codes = { 404: "Not Found", 503: "Unavailable" };
  constructor(status, detail) {
    super(`${status} ${HttpError.codes[status] ?? "Error"}${detail ? `: ${detail}` : ""}`);
    this.status = status;
  }
  get name() { return "HttpError"; }
  get retryable() { return this.status >= 500; }
}
class NotFound extends HttpError { constructor(what) { super(404, what); } }
const errs = [new NotFound("/x"), new HttpError(503), new HttpError(418, "teapot"), new TypeError("t"), new RangeError("r")];
for (const e of errs) console.log(e.name, e.message, e instanceof HttpError ? e.retryable : "-");
console.log(errs.map((e) => e instanceof Error).every(Boolean), errs[0] instanceof NotFound, Object.prototype.toString.call(errs[0]));
console.log(String(errs[0]), errs[0].toString === Error.prototype.toString);
const agg = new AggregateError([new Error("a"), new Error("b")], "many");
console.log(agg.name, agg.message, agg.errors.length, agg instanceof Error);

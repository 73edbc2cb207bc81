class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.name = "HttpError";
    this.status = status;
  }
}
const e = new HttpError(404, "not found");
console.log(e instanceof HttpError, e instanceof Error, e.message, e.status);
console.log(String(e), Object.prototype.toString.call(e));
try { throw new HttpError(500, "boom"); } catch (err) { console.log(err.name, err.status); }

class Base {
  #port = 80;
  get port() { return this.#port; }
  set port(v) { this.#port = Number(v); }
  get url() { return `http://host:${this.port}`; }
}
class Secure extends Base {
  get port() { return super.port + 363; }
  get url() { return super.url.replace("http", "https"); }
  set port(v) { super.port; this.raw = v; }
}
const b = new Base(); b.port = "8080";
console.log(b.port, b.url);
const s = new Secure();
console.log(s.port, s.url);
s.port = 1;
console.log(s.raw, s.port);
console.log(Object.getOwnPropertyNames(Secure.prototype).sort().join(","));
const d = Object.getOwnPropertyDescriptor(Base.prototype, "port");
console.log(typeof d.get, typeof d.set, d.enumerable, d.configurable);

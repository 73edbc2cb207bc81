// Optional chaining: members, computed members and calls, short-circuiting
// the whole chain.
const cfg = { server: { port: 8080, tls: null, hosts: ["a", "b"] }, get() { return this.server.port; } };
const none = undefined;
console.log(cfg?.server?.port, cfg.server.tls?.cert, cfg.missing?.deep.deeper, none?.x);
console.log(cfg.server.hosts?.[1], cfg.server.nope?.[0], cfg["server"]?.["port"]);
console.log(cfg.get?.(), cfg.nothing?.(), none?.(), (() => 5)?.());
let n = 0;
const side = () => { n++; return "k"; };
console.log(none?.[side()], none?.a[side()], n);
console.log(cfg.server?.hosts.map((h) => h.toUpperCase()).join("+"));
const list = [{ name: "x", opts: { retries: 3 } }, { name: "y" }];
console.log(list.map((s) => s.opts?.retries ?? 1));
function find(name) { return list.find((s) => s.name === name); }
console.log(find("x")?.name, find("z")?.name, find("y")?.opts?.retries);
console.log(null?.x, 0?.toFixed(1), ""?.length, false?.toString());
try { cfg.server.tls.cert; } catch (e) { console.log(e.constructor.name); }
const method = { count: 1, inc() { return ++this.count; } };
console.log(method.inc?.(), method?.inc(), method["inc"]?.());

function* worker() {
  while (true) {
    try {
      const job = yield "ready";
      console.log("job", job);
    } catch (e) {
      console.log("recovered from", e);
    }
  }
}
const w = worker();
w.next();
w.next("a");
console.log(w.throw("oops").value);
w.next("b");
function* fragile() { yield 1; }
const f = fragile();
try { f.throw(new Error("before start")); } catch (e) { console.log(e.message); }
console.log(JSON.stringify(f.next()));

function* g() { yield 1; }
try { new g(); } catch (e) { console.log("new:", e.constructor.name); }
const it = g();
try { it.next.call({}); } catch (e) { console.log("receiver:", e.constructor.name); }
function* self() { me.next(); yield 1; }
const me = self();
try { me.next(); } catch (e) { console.log("running:", e.constructor.name); }
function* bad() { yield* 5; }
try { bad().next(); } catch (e) { console.log("yield*:", e.constructor.name); }
console.log(Object.getPrototypeOf(g) === Object.getPrototypeOf(function* () {}), g.name);

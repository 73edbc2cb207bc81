const arrow = () => 1;
try { new arrow(); } catch (e) { console.log("arrow:", e.constructor.name); }
console.log("prototype" in arrow, "prototype" in { m() {} }.m);
const o = { m() {}, get g() { return 1; }, async a() {} };
try { new o.m(); } catch (e) { console.log("method:", e.constructor.name); }
try { new o.a(); } catch (e) { console.log("async:", e.constructor.name); }
class C { m() {} static s() {} }
try { new (new C().m)(); } catch (e) { console.log("class method:", e.constructor.name); }
function F() { this.x = 1; }
console.log(new F().x, typeof F.prototype);

class Unit {
  constructor() {
    if (new.target === Unit) throw new Error("Unit is abstract");
    this.kind = new.target.name.toLowerCase();
  }
}
class Socket extends Unit {}
class Mount extends Unit { constructor(p) { super(); this.path = p; } }
try { new Unit(); } catch (e) { console.log(e.message); }
console.log(new Socket().kind, new Mount("/data").kind, new Mount("/x").path);
function Legacy() { return new.target === undefined ? "called" : "constructed"; }
console.log(Legacy(), typeof new Legacy());
function Factory() { if (!new.target) return new Factory(); this.ok = true; }
console.log(Factory().ok, new Factory().ok);

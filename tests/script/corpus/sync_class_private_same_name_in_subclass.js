class A {
  #v = "a";
  static readA(o) { return o.#v; }
}
class B extends A {
  #v = "b";
  static readB(o) { return o.#v; }
}
const b = new B();
console.log(A.readA(b), B.readB(b));
try { B.readB(new A()); } catch (e) { console.log(e instanceof TypeError); }
function makeCounter() { return class { #n = 0; inc() { return ++this.#n; } static peek(o) { return o.#n; } }; }
const C1 = makeCounter(), C2 = makeCounter();
const c1 = new C1();
c1.inc();
console.log(C1.peek(c1));
try { C2.peek(c1); } catch (e) { console.log("other evaluation:", e instanceof TypeError); }

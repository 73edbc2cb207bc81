class A { constructor() { this.x = 1; } }
try { A(); } catch (e) { console.log("call:", e.constructor.name); }
class B extends A { constructor() { this.y = 2; super(); } }
try { new B(); } catch (e) { console.log("this before super:", e.constructor.name); }
class C extends A { constructor() { } }
try { new C(); } catch (e) { console.log("no super:", e.constructor.name); }
try { class D extends 42 {} } catch (e) { console.log("extends:", e.constructor.name); }
try { new Foo(); class Foo {} } catch (e) { console.log("tdz:", e.constructor.name); }
class E { #x = 1; static read(o) { return o.#x; } }
try { E.read({}); } catch (e) { console.log("private:", e.constructor.name); }

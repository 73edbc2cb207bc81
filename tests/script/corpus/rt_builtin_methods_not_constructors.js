try { new Promise.race([]) } catch (e) { console.log(e.constructor.name) }
console.log("prototype" in Object.assign, "prototype" in Promise, "prototype" in Map.prototype.get);
try { new (function* () {}().next)(); } catch (e) { console.log("gen next", e.constructor.name); }
try { new Math.max(); } catch (e) { console.log("max", e.constructor.name); }
console.log(Reflect.construct(function () { return this; }, [], Array) instanceof Array);
try { Reflect.construct(function () {}, [], Math.cos); } catch (e) { console.log("newTarget", e.constructor.name); }

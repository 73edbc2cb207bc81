class Base { set level(v) { this._level = "base:" + v; } get level() { return this._level; } }
class Child extends Base {
  setLevel(v) { super.level = v; return this.level; }
  setPlain(v) { super.plain = v; return Object.getOwnPropertyDescriptor(this, "plain").enumerable; }
  setComputed(k, v) { super[k] = v; return this[k]; }
}
const c = new Child();
console.log(c.setLevel(3), c.setPlain(1), c.plain, c.setComputed("dyn", 7));
const proto = { set x(v) { this.seen = v; } };
const obj = { __proto__: proto, put(v) { super.x = v; return this.seen; } };
console.log(obj.put("ok"));
class RO { get only() { return 1; } }
class Sub extends RO { tryIt() { try { super.only = 2; } catch (e) { return e.constructor.name; } } }
console.log(new Sub().tryIt());

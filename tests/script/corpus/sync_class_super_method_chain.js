class Base {
  describe() { return `base(${this.name})`; }
  static kind() { return "base"; }
}
class Service extends Base {
  constructor(name) { super(); this.name = name; }
  describe() { return `service:${super.describe()}`; }
  static kind() { return `svc<${super.kind()}>`; }
}
class Timer extends Service {
  describe() { return `timer:${super.describe()}`; }
  static kind() { return `tmr<${super.kind()}>`; }
}
const t = new Timer("backup");
console.log(t.describe());
console.log(Timer.kind(), Service.kind());
console.log(Object.getPrototypeOf(Timer) === Service, t instanceof Base);
const arrow = { __proto__: { hi() { return "proto-hi"; } }, hi() { const f = () => super.hi(); return f() + "!"; } };
console.log(arrow.hi());

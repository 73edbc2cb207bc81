const Serializable = (Base) => class extends Base {
  serialize() { return JSON.stringify(this); }
};
const Named = (Base) => class extends Base {
  get label() { return `${this.constructor.name}(${this.name})`; }
};
class Entity { constructor(name) { this.name = name; } }
class Service extends Serializable(Named(Entity)) {
  constructor(name, port) { super(name); this.port = port; }
}
const s = new Service("web", 80);
console.log(s.serialize(), s.label);
console.log(s instanceof Entity, Object.getPrototypeOf(Service.prototype).constructor.name === "", typeof Serializable);
const Anon = class {};
const Named2 = class Inner { who() { return Inner.name; } };
console.log(Anon.name, Named2.name, new Named2().who());
const obj = { Klass: class {} };
console.log(obj.Klass.name);

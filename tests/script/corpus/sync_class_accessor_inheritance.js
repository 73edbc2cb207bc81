class Base {
  static create() { return new this(); }
  static describe() { return "Base"; }
  hello() { return "base hello"; }
}
class Child extends Base {
  static describe() { return super.describe() + " > Child"; }
  hello() { const up = () => super.hello(); return up() + "!"; }
}
console.log(Child.create() instanceof Child, Child.describe(), new Child().hello());

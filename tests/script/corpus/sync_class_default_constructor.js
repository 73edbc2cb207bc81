class Base { constructor(a, b) { this.sum = a + b; } }
class Derived extends Base {}
class Empty {}
console.log(new Derived(2, 3).sum, Derived.length, Empty.length, new Empty() instanceof Empty);
class WithField extends Base { extra = this.sum * 10; }
console.log(new WithField(1, 1).extra);

class Animal {
  constructor(name) { this.name = name; }
  speak() { return `${this.name} makes a sound`; }
  get kind() { return "animal"; }
}
class Dog extends Animal {
  constructor(name, breed) { super(name); this.breed = breed; }
  speak() { return super.speak() + " (woof)"; }
  get kind() { return "dog, a kind of " + super.kind; }
}
const d = new Dog("Rex", "collie");
console.log(d.speak());
console.log(d.kind, d instanceof Animal, Object.getPrototypeOf(Dog) === Animal);
console.log(Dog.name, Dog.length, d.constructor === Dog);

function Greeter(name) {
  this.name = name;
  this.greet = () => `hi ${this.name}`;
}
console.log(new Greeter("ann").greet());

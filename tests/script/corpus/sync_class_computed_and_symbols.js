const method = "greet";
class Greeter {
  [method]() { return "hi"; }
  [`${method}Loudly`]() { return "HI"; }
  static [Symbol.hasInstance](x) { return x === 42; }
  get [Symbol.toStringTag]() { return "Greeter"; }
}
const g = new Greeter();
console.log(g.greet(), g.greetLoudly(), 42 instanceof Greeter, String(g));
console.log(Greeter.prototype.greet.name, Greeter.prototype.greetLoudly.name);

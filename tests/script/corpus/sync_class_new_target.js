class Shape {
  constructor() {
    if (new.target === Shape) throw new TypeError("abstract");
    this.kind = new.target.name;
  }
}
class Square extends Shape {}
console.log(new Square().kind);
try { new Shape(); } catch (e) { console.log(e.message); }
function F() { return new.target === F; }
console.log(new F() instanceof F, F());

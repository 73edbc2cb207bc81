function P(x) { this.x = x; }
P.prototype.get = function () { return this.x; };
console.log(new P(4).get(), new P(5)["get"](), (new P(6)).x);
const make = () => new P(7);
console.log(make().get());

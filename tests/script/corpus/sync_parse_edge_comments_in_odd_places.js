const f = /* a */ function /* c */ () { return 1; };
const g = (/* no params */) => /* body */ 2;
const h = x /* param */ => x;
console.log(typeof f, g(), h(3));

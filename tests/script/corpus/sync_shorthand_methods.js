const calc = {
  base: 10,
  add(x) { return this.base + x; },
  twice(x) { return this.add(x) * 2; },
  get double() { return this.base * 2; },
  set base2(v) { this.base = v / 2; },
};
console.log(calc.add(1), calc.twice(2), calc.double);
calc.base2 = 50;
console.log(calc.base);

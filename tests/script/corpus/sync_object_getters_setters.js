const temp = {
  c: 0,
  get f() { return this.c * 9 / 5 + 32; },
  set f(v) { this.c = (v - 32) * 5 / 9; },
};
temp.f = 212;
console.log(temp.c, temp.f);

let v = 100;
v /= 4;
console.log(v);
const r = /=/.test("a=b");
console.log(r);

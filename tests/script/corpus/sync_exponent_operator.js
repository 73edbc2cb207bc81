// ** and **=, with their precedence and grouping.
console.log(2 ** 10, 2 ** -1, (-2) ** 3, 2 ** 3 ** 2, (2 ** 3) ** 2);
console.log(3 * 2 ** 2, 2 ** 2 * 3, -(2 ** 2), 2 ** 0.5, 4 ** 0.5 + 1);
console.log(NaN ** 0, 0 ** -1, (-8) ** (1 / 3), 10 ** 21, 10 ** -7, 2 ** 53 + 1);
let x = 3;
x **= 2;
const o = { v: 2, "k-1": 3 };
o.v **= 10;
o["k-1"] **= 2;
const a = [3];
a[0] **= 3;
console.log(x, o.v, o["k-1"], a[0]);
function f(n) { return n ** 2; }
console.log([1, 2, 3].map(f), typeof (2 ** 2), 2 ** "3", "2" ** 3);

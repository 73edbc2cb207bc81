// var declared in a per-iteration body stays a var of the function.
function run() {
  const fns = [];
  for (let i = 0; i < 3; i++) {
    var last = i;
    var count = (count || 0) + 1, unused;
    fns.push(() => i + last);
  }
  return [last, count, typeof unused, fns.map(f => f()).join(",")];
}
console.log(run().join(" "));

// Vars of nested loops in the body, also in for and for-in heads.
const keys = [];
for (let i = 0; i < 2; i++) {
  for (var j = 0; j < 2; j++) keys.push(() => i + "" + j);
  for (var k in { p: 1 }) keys.push(() => k + i);
}
console.log(j, k, keys.map(f => f()).join(","));

// Top level: the var is visible after the loop.
let n = 0;
while (n < 3) {
  const m = n;
  var total = (total || 0) + m;
  keys.push(() => m);
  n++;
}
console.log(total);

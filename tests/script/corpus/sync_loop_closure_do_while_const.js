// do-while with a const in the body captured by closures; continue goes to
// the test.
const fns = [];
let i = 0;
do {
  const current = i;
  i++;
  if (current === 2) continue;
  fns.push(() => current);
} while (i < 5);
console.log(fns.map(f => f()).join(","));

let j = 10;
const out = [];
do {
  let v = j;
  out.push(() => v * 2);
  if (v === 12) break;
  j++;
} while (true);
console.log(out.map(f => f()).join(","), j);

// A do-while whose body is a single statement.
let c = 0;
const single = [];
do if (c % 2 === 0) { let even = c; single.push(() => "even " + even); }
while (++c < 5);
console.log(single.map(f => f()).join("; "));

// break to a labeled block that encloses the loop.
const fns = [];
block: {
  for (let i = 0; i < 10; i++) {
    fns.push(() => i);
    if (i === 2) break block;
  }
  fns.push(() => "not reached");
}
console.log(fns.map(f => f()).join(","));

// A label inside the body stays inside.
const inner = [];
for (let i = 0; i < 3; i++) {
  here: {
    if (i === 1) break here;
    inner.push(() => "in" + i);
  }
  inner.push(() => "after" + i);
}
console.log(inner.map(f => f()).join(","));

// Two labels on one loop.
const two = [];
a: b: for (let i = 0; i < 5; i++) {
  two.push(() => i);
  if (i === 1) continue a;
  if (i === 2) continue b;
  if (i === 3) break a;
}
console.log(two.map(f => f()).join(","));

// break and continue out of a body that runs per iteration.
const fns = [];
for (let i = 0; i < 20; i++) {
  if (i % 2 === 1) continue;
  if (i > 8) break;
  fns.push(() => i);
}
console.log(fns.map(f => f()).join(","));

// continue after the loop variable changed: the update sees the change.
const jumps = [];
for (let i = 0; i < 12; i++) {
  jumps.push(() => i);
  if (i === 2) {
    i = 7;
    continue;
  }
}
console.log(jumps.map(f => f()).join(","));

// break and continue inside an inner loop and a switch stay there.
const inner = [];
for (let i = 0; i < 3; i++) {
  for (var j = 0; j < 5; j++) {
    if (j === 1) continue;
    if (j === 3) break;
    switch (j) {
      case 0:
        inner.push(() => "zero" + i);
        break;
      default:
        inner.push(() => "other" + i + j);
    }
  }
}
console.log(inner.map(f => f()).join(","));

// Statements without semicolons (ASI) before the jumps.
const asi = []
let w = 0
while (w < 6) {
  let v = w++
  if (v === 1) continue
  if (v === 4) break
  asi.push(() => v)
}
console.log(asi.map(f => f()).join(","))

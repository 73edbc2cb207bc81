// Nested loops whose bindings are each captured.
const grid = [];
for (let i = 0; i < 3; i++) {
  const row = [];
  for (let j = 0; j < 3; j++) {
    row.push(() => i * 3 + j);
  }
  grid.push(() => row.map(f => f()).join(""));
}
console.log(grid.map(f => f()).join("|"));

// Only the inner loop needs per-iteration bindings.
const inner = [];
for (var a = 0; a < 2; a++) {
  for (let b = 0; b < 2; b++) inner.push(() => a + "" + b);
}
console.log(inner.map(f => f()).join(","));

// Only the outer loop needs them; the inner loop mutates outer state.
const outer = [];
for (let i = 0; i < 3; i++) {
  let sum = 0;
  for (let j = 0; j <= i; j++) sum += j;
  outer.push(() => i + "->" + sum);
}
console.log(outer.map(f => f()).join(","));

// while inside for inside do-while.
const mix = [];
let d = 0;
do {
  const dd = d;
  for (let f = 0; f < 2; f++) {
    let w = 0;
    while (w < 2) {
      const ww = w++;
      mix.push(() => `${dd}${f}${ww}`);
    }
  }
} while (++d < 2);
console.log(mix.map(g => g()).join(","));

// Labeled continue and break that leave the per-iteration function.
const fns = [];
outer: for (let i = 0; i < 4; i++) {
  for (let j = 0; j < 4; j++) {
    if (j > i) continue outer;
    if (i === 3) break outer;
    fns.push(() => `${i}${j}`);
  }
}
console.log(fns.map(f => f()).join(","));

// The label names the loop whose body runs per iteration.
const own = [];
rows: for (let r = 0; r < 5; r++) {
  own.push(() => r);
  if (r === 1) continue rows;
  if (r === 3) break rows;
  own.push(() => -r);
}
console.log(own.map(f => f()).join(","));

// An outer var loop, an inner per-iteration loop continuing it.
const mixed = [];
scan: for (var a = 0; a < 3; a++) {
  let b = 0;
  while (b < 3) {
    const pair = a + ":" + b;
    mixed.push(() => pair);
    b++;
    if (b === 2) continue scan;
  }
}
console.log(mixed.map(f => f()).join(" "));

// Three levels: continue from the innermost to the outermost.
const deep = [];
top: for (let x = 0; x < 3; x++) {
  for (let y = 0; y < 3; y++) {
    for (let z = 0; z < 3; z++) {
      deep.push(() => "" + x + y + z);
      if (z === 1) continue top;
    }
  }
}
console.log(deep.map(f => f()).join(","));

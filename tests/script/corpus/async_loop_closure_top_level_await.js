// Top-level await in a per-iteration loop body.
const results = [];
for (let i = 0; i < 3; i++) {
  const v = await new Promise(r => setTimeout(() => r(i * i), 0));
  results.push(() => `${i}->${v}`);
}
console.log(results.map(f => f()).join(" "));
let k = 0;
while (k < 2) {
  let local = k;
  await null;
  setTimeout(() => console.log("timer", local), 0);
  k++;
}
console.log("loop over");

// The body changes the loop variable: the update runs on the next
// iteration's copy, and every closure keeps the value its iteration ended with.
const fns = [];
for (let i = 0; i < 10; i++) {
  fns.push(() => i);
  if (i % 3 === 0) i += 2;
}
console.log(fns.map(f => f()).join(","));

// Mutation after the closure is created is visible to that closure.
const later = [];
for (let i = 0; i < 3; i++) {
  later.push(() => i);
  i++;
  i--;
  i = i + 0.5;
}
console.log(later.map(f => f()).join(","));

// A closure that writes the loop variable while its iteration runs.
const seen = [];
for (let i = 0; i < 8; i++) {
  const bump = () => { i += 2; };
  bump();
  seen.push(i);
}
console.log(seen.join(","));

// Called after its iteration ended, it changes only its own copy.
const bumps = [];
const reads = [];
for (let i = 0; i < 3; i++) {
  bumps.push(() => ++i);
  reads.push(() => i);
}
bumps[0]();
bumps[0]();
bumps[2]();
console.log(reads.map(f => f()).join(","));

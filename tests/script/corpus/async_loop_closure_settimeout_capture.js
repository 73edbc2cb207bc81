// setTimeout callbacks capturing the loop variable: let gives each its own.
for (let i = 0; i < 3; i++) {
  setTimeout(() => console.log("let", i), 0);
}
for (var v = 0; v < 3; v++) {
  setTimeout(() => console.log("var", v), 0);
}
let n = 0;
while (n < 3) {
  const snapshot = n;
  setTimeout(function () { console.log("while", snapshot, n); }, 0);
  n++;
}
for (const key in { a: 1, b: 2 }) {
  setTimeout(() => console.log("key", key), 0);
}
// Timers with increasing delays, scheduled from inside a loop with a
// mutated counter.
for (let t = 1; t <= 7; t += 2) {
  setTimeout(() => console.log("delay", t), t * 3);
  if (t === 3) t++;
}

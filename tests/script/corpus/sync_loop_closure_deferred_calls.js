// Closures stored in an object keyed by the iteration, called much later,
// and closures that call each other across iterations.
const handlers = {};
for (let n = 0; n < 4; n++) {
  const key = "h" + n;
  handlers[key] = function (x) { return key + ":" + (x + n); };
}
console.log(Object.keys(handlers).map(k => handlers[k](100)).join(" "));

const chain = [];
for (let i = 0; i < 4; i++) {
  const prev = chain[i - 1];
  chain.push(() => (prev ? prev() : "") + i);
}
console.log(chain[3]());

// Getters defined per iteration.
const box = {};
for (let p = 0; p < 2; p++) {
  Object.defineProperty(box, "g" + p, { get: () => p * 7, enumerable: true });
}
console.log(box.g0, box.g1);

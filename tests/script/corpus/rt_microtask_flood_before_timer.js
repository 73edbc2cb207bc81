// A long chain of microtasks completes before any timer runs.
let count = 0;
setTimeout(() => console.log('timer sees count', count), 0);
function step() {
  count++;
  if (count < 10000) return Promise.resolve().then(step);
  return undefined;
}
step();
Promise.resolve().then(() => console.log('first microtask, count', count));

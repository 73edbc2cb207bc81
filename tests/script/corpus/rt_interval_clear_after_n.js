// An interval runs until cleared from its own callback.
let n = 0;
const id = setInterval(() => {
  n++;
  console.log('tick', n);
  Promise.resolve().then(() => console.log('microtask after tick', n));
  if (n === 4) {
    clearInterval(id);
    setTimeout(() => console.log('done after', n, 'ticks'), 30);
  }
}, 3);

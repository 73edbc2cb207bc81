// Microtasks queued by a timer run before the next timer.
setTimeout(() => {
  console.log('timer A');
  Promise.resolve().then(() => console.log('A micro 1')).then(() => console.log('A micro 2'));
  queueMicrotask(() => console.log('A queueMicrotask'));
  setTimeout(() => console.log('timer A->nested'), 0);
}, 1);
setTimeout(() => {
  console.log('timer B');
  Promise.resolve().then(() => console.log('B micro'));
}, 1);
setTimeout(() => console.log('timer C (20ms)'), 20);

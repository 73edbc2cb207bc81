// Top-level await suspends the module body; timers and microtasks interleave.
console.log('start');
setTimeout(() => console.log('timer 100'), 100);
Promise.resolve().then(() => console.log('microtask'));
const v = await new Promise((r) => setTimeout(() => r('awaited timer'), 1));
console.log(v);
await null;
console.log('after await null');
setTimeout(() => console.log('timer from module body'), 10);

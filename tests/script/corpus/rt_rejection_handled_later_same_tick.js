// A rejection handled later in the same microtask drain is not unhandled.
const p = Promise.reject(new Error('late handler'));
Promise.resolve().then(() => Promise.resolve()).then(() => {
  p.catch((e) => console.log('handled:', e.message));
});
setTimeout(() => console.log('still alive'), 5);

// A rejected top-level await is an uncaught error (exit code 1).
console.log('before');
Promise.resolve().then(() => console.log('microtask'));
await Promise.reject(new Error('top-level failure'));
console.log('never');

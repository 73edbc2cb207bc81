// An unhandled rejection ends the program with exit code 1 after the microtasks ran.
console.log('before');
Promise.reject(new Error('nobody handles this'));
Promise.resolve().then(() => console.log('microtask still runs'));
setTimeout(() => console.log('timer never runs'), 0);

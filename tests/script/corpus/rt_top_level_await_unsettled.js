// A top-level await that never settles ends the program with node's code 13.
console.log('start');
setTimeout(() => console.log('timer still runs'), 5);
await new Promise(() => {});
console.log('never');

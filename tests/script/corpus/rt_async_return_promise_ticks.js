// An async function returning a promise settles later than one returning a value.
const order = [];
async function plain() { return 1; }
async function viaPromise() { return Promise.resolve(2); }
viaPromise().then(() => order.push('viaPromise'));
plain().then(() => order.push('plain'));
Promise.resolve().then(() => order.push('tick1')).then(() => order.push('tick2'))
  .then(() => order.push('tick3')).then(() => order.push('tick4'));
setTimeout(() => console.log(order.join(',')), 0);

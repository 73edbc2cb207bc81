// Resolving with a native promise costs two extra ticks (thenable job).
const order = [];
const p = Promise.resolve('inner');
new Promise((resolve) => resolve(p)).then((v) => order.push('outer:' + v));
Promise.resolve().then(() => order.push('t1')).then(() => order.push('t2'))
  .then(() => order.push('t3')).then(() => order.push('t4'));
setTimeout(() => console.log(order), 1);

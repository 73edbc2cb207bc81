// Promise.all resolves after its inputs, in input order, with plain values mixed in.
const order = [];
const slow = new Promise((r) => setTimeout(() => r('slow'), 20));
const fast = new Promise((r) => setTimeout(() => r('fast'), 5));
Promise.all([slow, 42, fast, Promise.resolve('now')]).then((v) => {
  order.push('all: ' + JSON.stringify(v));
  console.log(order.join('\n'));
});
Promise.all([]).then((v) => order.push('empty all ' + v.length));
Promise.resolve().then(() => order.push('tick'));
Promise.all([Promise.resolve(1), Promise.reject(new Error('first')), Promise.reject(new Error('second'))])
  .catch((e) => order.push('rejected with ' + e.message));

// finally passes values and reasons through, and costs extra ticks.
const order = [];
Promise.resolve('v').finally(() => order.push('finally1')).then((v) => order.push('after finally: ' + v));
Promise.reject(new Error('r')).finally(() => order.push('finally2')).catch((e) => order.push('caught ' + e.message));
Promise.resolve(1).finally(() => { throw new Error('from finally'); }).catch((e) => order.push(e.message));
Promise.resolve(1).finally(() => Promise.resolve(99)).then((v) => order.push('kept ' + v));
Promise.resolve().then(() => order.push('a')).then(() => order.push('b')).then(() => order.push('c')).then(() => order.push('d')).then(() => order.push('e'));
setTimeout(() => console.log(order), 0);

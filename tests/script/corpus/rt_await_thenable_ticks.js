// await of a thenable, of a native promise and of a plain value, interleaved.
const order = [];
const thenable = { then(resolve) { order.push('then called'); resolve('T'); } };
(async () => { order.push('x:' + await thenable); })();
(async () => { order.push('y:' + await Promise.resolve('P')); })();
(async () => { order.push('z:' + await 'V'); })();
Promise.resolve().then(() => order.push('m1')).then(() => order.push('m2')).then(() => order.push('m3'));
setTimeout(() => console.log(order.join(' | ')), 0);

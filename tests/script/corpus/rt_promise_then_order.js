// Two interleaved then-chains advance one step per microtask.
const log = [];
const a = Promise.resolve();
a.then(() => log.push('a1')).then(() => log.push('a2')).then(() => log.push('a3'));
const b = Promise.resolve();
b.then(() => log.push('b1')).then(() => log.push('b2')).then(() => log.push('b3'));
a.then(() => log.push('a-second-reaction'));
setTimeout(() => console.log(log.join(' ')), 0);

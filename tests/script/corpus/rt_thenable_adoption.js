// Thenables: only the first resolve/reject counts, throwing after resolving is ignored.
const t1 = { then(res, rej) { res('first'); res('second'); rej(new Error('ignored')); } };
Promise.resolve(t1).then((v) => console.log('t1:', v));
const t2 = { then(res) { res('ok'); throw new Error('after resolve'); } };
Promise.resolve(t2).then((v) => console.log('t2:', v));
const t3 = { then() { throw new Error('then threw'); } };
Promise.resolve(t3).catch((e) => console.log('t3:', e.message));
let getterCalls = 0;
const t4 = { get then() { getterCalls++; return (res) => res('getter'); } };
Promise.resolve(t4).then((v) => console.log('t4:', v, 'getter calls', getterCalls));
const nested = { then(res) { res({ then(res2) { res2('deep'); } }); } };
Promise.resolve(nested).then((v) => console.log('nested:', v));

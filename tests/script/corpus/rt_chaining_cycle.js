// Resolving a promise with itself rejects it with a TypeError.
const p = Promise.resolve().then(() => p);
p.catch((e) => console.log(e instanceof TypeError, e.message));
let resolveSelf;
const q = new Promise((r) => { resolveSelf = r; });
resolveSelf(q);
q.catch((e) => console.log('q:', e.constructor.name));

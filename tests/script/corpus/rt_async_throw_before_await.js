// A throw before the first await rejects the promise instead of throwing.
async function early() { throw new Error('early'); }
let threw = false;
let p;
try { p = early(); } catch (e) { threw = true; }
console.log('threw synchronously:', threw);
p.catch((e) => console.log('rejected with', e.message));
const arrow = async (x) => { if (!x) throw new TypeError('missing'); return x; };
arrow().catch((e) => console.log(e.name));
arrow(7).then((v) => console.log('arrow value', v));

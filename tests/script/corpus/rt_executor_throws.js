// An executor that throws rejects the promise, unless it already resolved.
new Promise(() => { throw new Error('executor threw'); }).catch((e) => console.log('caught:', e.message));
new Promise((resolve) => { resolve('kept'); throw new Error('ignored'); }).then((v) => console.log('value:', v));
try { new Promise(5); } catch (e) { console.log(e instanceof TypeError, e.message); }
try { Promise(function () {}); } catch (e) { console.log(e instanceof TypeError); }
console.log('sync end');

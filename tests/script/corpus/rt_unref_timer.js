// An unref'd timer does not keep the program alive.
const t = setTimeout(() => console.log('unref timer (never)'), 50);
t.unref();
console.log('hasRef', t.hasRef());
setTimeout(() => console.log('ref timer'), 5);

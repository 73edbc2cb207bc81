// Promise.resolve returns native promises unchanged; the constructor never does.
const p = Promise.resolve(1);
console.log(Promise.resolve(p) === p);
console.log(new Promise((r) => r(p)) === p);
const rejected = Promise.reject(2);
console.log(Promise.resolve(rejected) === rejected);
rejected.catch(() => {});
console.log(typeof Promise.prototype.then, Promise.name, Promise.length);
console.log(Object.prototype.toString.call(p));

// console.log shows promise states like node.
const pending = new Promise(() => {});
const fulfilled = Promise.resolve({ a: 1 });
const rejected = Promise.reject('why');
rejected.catch(() => {});
console.log(pending, fulfilled, rejected);
console.log([Promise.resolve(1)], { p: Promise.resolve('s') });
const later = new Promise((r) => setTimeout(() => r(5), 1));
console.log(later);
later.then(() => console.log(later));

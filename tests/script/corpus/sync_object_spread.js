// Object spread: own enumerable properties, later ones win, getters read.
const defaults = { retries: 3, delay: 100, log: false };
const user = { delay: 5, log: true };
console.log({ ...defaults, ...user }, { ...user, ...defaults });
console.log({ ...null, ...undefined, ...123, ..."ab", extra: 1 });
const withGetter = { get now() { return "read"; } };
const copy = { ...withGetter };
console.log(copy, Object.getOwnPropertyDescriptor(copy, "now").value);
const sym = Symbol("s");
console.log({ ...{ [sym]: 1, a: 2 } });
function merge(...parts) { return parts.reduce((acc, p) => ({ ...acc, ...p }), {}); }
console.log(merge({ a: 1 }, { b: 2 }, { a: 3 }));
const proto = Object.create({ inherited: 1 }); proto.own = 2;
console.log({ ...proto });
const { a, ...others } = { a: 1, b: 2, c: 3 };
console.log(a, others, { ...others, a });

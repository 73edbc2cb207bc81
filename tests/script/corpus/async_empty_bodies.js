// Async functions and methods whose body is empty resolve to undefined.
const arrow = async () => {};
const arrowWithParam = async (ctx) => {};
const expression = async function () {};
async function declaration() {}
const object = { async method() {} };
const spaced = async () => { };
const calls = [arrow(), arrowWithParam(1), expression(), declaration(),
               object.method(), spaced()];
console.log(calls.every((p) => p instanceof Promise));
Promise.all(calls).then((values) => console.log(values.length, values));
const run = (fn) => fn({}).then(() => console.log('run done'));
run(async (ctx) => {});

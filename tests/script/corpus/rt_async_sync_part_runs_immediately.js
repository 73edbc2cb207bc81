// An async function runs synchronously up to its first await and returns a promise.
const log = [];
async function work(name) {
  log.push(name + ' start');
  await null;
  log.push(name + ' resumed');
  return name;
}
const p = work('a');
log.push('after call, is promise: ' + (p instanceof Promise));
work('b');
log.push('sync end');
p.then((v) => { log.push('a result ' + v); console.log(log.join('\n')); });

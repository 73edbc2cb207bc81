// Errors thrown after an await reject the async function's promise.
async function fails(kind) {
  await Promise.resolve();
  if (kind === 'type') null.prop;
  if (kind === 'custom') throw new RangeError('out of range');
  throw 'a string';
}
fails('type').catch((e) => console.log(e instanceof TypeError));
fails('custom').catch((e) => console.log(e.name, e.message));
fails('other').catch((e) => console.log(typeof e, e));
async function caller() {
  try { await fails('custom'); } catch (e) { return 'caller caught ' + e.message; }
}
caller().then(console.log);

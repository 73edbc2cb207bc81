// Awaiting rejections of any type throws the reason itself.
async function tryAwait(p) {
  try { await p; return 'no throw'; } catch (e) { return e; }
}
(async () => {
  console.log(await tryAwait(Promise.reject(42)));
  console.log(await tryAwait(Promise.reject({ code: 'E1' })));
  console.log(await tryAwait(Promise.reject(null)));
  console.log(await tryAwait(Promise.reject(undefined)));
  const e = await tryAwait(Promise.reject(new SyntaxError('syn')));
  console.log(e instanceof SyntaxError, e.message);
})();

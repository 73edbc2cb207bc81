// queueMicrotask and promise reactions share one FIFO queue.
const out = [];
queueMicrotask(() => out.push('qm1'));
Promise.resolve().then(() => out.push('p1'));
queueMicrotask(() => {
  out.push('qm2');
  queueMicrotask(() => out.push('qm2-nested'));
  Promise.resolve().then(() => out.push('p-from-qm2'));
});
Promise.resolve().then(() => out.push('p2'));
setTimeout(() => console.log(out.join(' ')), 0);
try { queueMicrotask('nope'); } catch (e) { console.log(e instanceof TypeError); }

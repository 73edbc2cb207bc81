const delay = (ms, v, fail) => new Promise((r, j) => setTimeout(() => (fail ? j(new Error(v)) : r(v)), ms));
function co(fn) {
  const it = fn();
  return new Promise((resolve, reject) => {
    function go(method, arg) {
      let r;
      try { r = it[method](arg); } catch (e) { reject(e); return; }
      if (r.done) resolve(r.value); else Promise.resolve(r.value).then((v) => go("next", v), (e) => go("throw", e));
    }
    go("next");
  });
}
const log = [];
co(function* () {
  try {
    log.push(yield delay(2, "open"));
    log.push(yield delay(1, "read failed", true));
  } finally {
    log.push(yield delay(1, "closed"));
  }
}).catch((e) => { log.push(`rejected: ${e.message}`); console.log(log.join(" > ")); })
  .then(() => co(function* () { const [a, b] = yield Promise.all([delay(3, 1), delay(1, 2)]); return a + b; }))
  .then((v) => console.log("second", v));

const delay = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
function co(genFn, ...args) {
  return new Promise((resolve, reject) => {
    const it = genFn(...args);
    const step = (method, arg) => {
      let res;
      try { res = it[method](arg); } catch (e) { return reject(e); }
      if (res.done) return resolve(res.value);
      Promise.resolve(res.value).then((v) => step("next", v), (e) => step("throw", e));
    };
    step("next");
  });
}
co(function* (name) {
  const a = yield delay(2, 10);
  const b = yield delay(1, 32);
  let c;
  try { yield Promise.reject(new Error("nope")); } catch (e) { c = e.message; }
  const [x, y] = yield Promise.all([delay(1, "x"), "y"]);
  return `${name}: ${a + b} ${c} ${x}${y}`;
}, "job").then(console.log);
co(function* () { yield 1; throw new Error("gen failed"); }).catch((e) => console.log("rejected", e.message));

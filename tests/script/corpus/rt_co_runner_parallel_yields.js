const delay = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
function run(gen) {
  return new Promise((resolve, reject) => {
    const it = gen();
    const toPromise = (y) => Array.isArray(y) ? Promise.all(y.map(toPromise))
      : y && typeof y.then !== "function" && typeof y === "object" ? Promise.all(Object.values(y).map(toPromise)).then((vs) => Object.fromEntries(Object.keys(y).map((k, i) => [k, vs[i]])))
      : Promise.resolve(y);
    const step = (fn) => {
      let r;
      try { r = fn(); } catch (e) { return reject(e); }
      if (r.done) return resolve(r.value);
      toPromise(r.value).then((v) => step(() => it.next(v)), (e) => step(() => it.throw(e)));
    };
    step(() => it.next());
  });
}
run(function* () {
  const [a, b] = yield [delay(5, 1), delay(1, 2)];
  const { user, perms: [p] } = yield { user: delay(2, "ann"), perms: [delay(1, "rw")] };
  console.log("step1", a + b, user, p);
  try { yield Promise.reject(new Error("denied")); } catch (e) { console.log("caught", e.message); }
  return "done";
}).then((v) => console.log("result", v));

function* steps() {
  const a = yield Promise.resolve(1);
  const b = yield new Promise((r) => setTimeout(() => r(a + 1), 5));
  return a + b;
}
function run(gen) {
  const it = gen();
  return new Promise((resolve, reject) => {
    function step(value) {
      const r = it.next(value);
      if (r.done) return resolve(r.value);
      Promise.resolve(r.value).then(step, reject);
    }
    step();
  });
}
run(steps).then((v) => console.log("result", v));

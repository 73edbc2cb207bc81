const thenable = (v, ms) => ({ then(res) { setTimeout(() => res(v), ms); } });
function* producer() {
  yield thenable("t1", 5);
  yield Promise.resolve("p2");
  yield "plain3";
  yield thenable("t4", 1);
}
(async () => {
  const got = [];
  for await (const x of producer()) got.push(x);
  console.log(got.join(","));
  const iterable = { *[Symbol.iterator]() { yield thenable(1, 1); yield thenable(2, 1); } };
  let s = 0;
  for await (const n of iterable) s += n * 10;
  console.log("sum", s);
})();

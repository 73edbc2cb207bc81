function* letters() { yield "a"; yield "b"; return "letters done"; }
function* all() {
  const r = yield* letters();
  console.log("inner returned", r);
  yield* [1, 2];
  yield* "xy";
  yield* new Set([true]);
}
console.log([...all()]);

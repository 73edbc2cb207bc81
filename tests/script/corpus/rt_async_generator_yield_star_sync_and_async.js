const delay = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
function* syncNums() { yield 1; yield delay(2, 2); yield 3; }
async function* asyncLetters() { yield "a"; await delay(1); yield "b"; return "letters-done"; }
async function* combined() {
  yield* syncNums();
  const r = yield* asyncLetters();
  yield r;
  yield* [delay(1, "p1"), "p2"];
}
(async () => {
  const out = [];
  for await (const v of combined()) out.push(v);
  console.log(out.join(" "));
  const out2 = [];
  for await (const v of syncNums()) out2.push(v);
  console.log(out2.join(","));
  const ag = asyncLetters();
  const [a, b, c] = await Promise.all([ag.next(), ag.next(), ag.next()]);
  console.log(a.value, b.value, c.value, c.done);
})();

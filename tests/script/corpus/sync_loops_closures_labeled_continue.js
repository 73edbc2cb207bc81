const jobs = [["build", ["compile", "skip", "link"]], ["test", ["unit", "fail", "e2e"]], ["deploy", ["push"]]];
const done = [];
const later = [];
pipeline: for (const [stage, steps] of jobs) {
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (step === "skip") continue;
    if (step === "fail") { later.push(() => `${stage} stopped at ${i}`); continue pipeline; }
    later.push(() => `${stage}.${step}#${i}`);
  }
  done.push(stage);
}
console.log(done.join(","));
console.log(later.map((f) => f()).join(" "));
const fns = [];
let x = 0;
while (x < 3) { let captured = x * 10; fns.push(() => captured); x++; }
console.log(fns.map((f) => f()).join(","));
const byKey = {};
for (const k in { a: 1, b: 2 }) byKey[k] = () => k.repeat(2);
console.log(byKey.a(), byKey.b());

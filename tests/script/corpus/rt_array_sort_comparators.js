const versions = ["1.10.0", "1.2.3", "1.2.10", "0.9.9", "1.2.3-beta"];
const parse = (v) => v.split("-")[0].split(".").map(Number);
const cmp = (a, b) => {
  const pa = parse(a), pb = parse(b);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return (b.includes("-") ? 0 : 1) - (a.includes("-") ? 0 : 1);
};
console.log([...versions].sort(cmp).join(" "));
console.log([10, 9, 1, 100, 25].sort().join(","), [10, 9, 1, 100, 25].sort((a, b) => a - b).join(","));
const people = [{ n: "bo", a: 30 }, { n: "al", a: 25 }, { n: "cy", a: 30 }, { n: "di", a: 25 }];
console.log(people.sort((x, y) => x.a - y.a).map((p) => p.n).join(""));
console.log(["b", "a", "C", "A"].sort().join(""), ["b", "a", "C", "A"].sort((x, y) => x.toLowerCase() < y.toLowerCase() ? -1 : x.toLowerCase() > y.toLowerCase() ? 1 : 0).join(""));
const orig = [3, 1, 2];
console.log(orig.toSorted().join(""), orig.join(""), orig.toReversed().join(""), orig.with(0, 9).join(""));

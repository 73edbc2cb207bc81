const logs = [
  "2024-01-01 INFO start", "2024-01-01 WARN disk", "2024-01-02 INFO tick",
  "2024-01-02 ERROR crash", "2024-01-02 INFO restart", "2024-01-03 WARN slow",
];
const groupBy = (arr, fn) => arr.reduce((acc, x) => { const k = fn(x); (acc[k] = acc[k] || []).push(x); return acc; }, {});
const byLevel = groupBy(logs, (l) => l.split(" ")[1]);
console.log(Object.keys(byLevel).join(","));
console.log(Object.entries(byLevel).map(([k, v]) => `${k}:${v.length}`).join(" "));
const byDay = groupBy(logs, (l) => l.slice(0, 10));
console.log(JSON.stringify(Object.fromEntries(Object.entries(byDay).map(([d, ls]) => [d.slice(5), ls.map((l) => l.split(" ")[2])]))));
const matrix = [[1, 2], [3, [4, [5]]]];
console.log(JSON.stringify(matrix.flat()), JSON.stringify(matrix.flat(Infinity)));
console.log(Array.from({ length: 5 }, (_, i) => i * i).join(","));

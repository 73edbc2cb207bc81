// ?? with every kind of left side, chained, recursive, around an await.
const o = { a: 0, b: null, c: { d: undefined } };
console.log(o.a ?? 1, o.b ?? 2, o.c.d ?? 3, o.x ?? "x", false ?? 4, "" ?? 5, NaN ?? 6);
console.log(null ?? undefined ?? 7, (null || 0) ?? 8, null ?? (0 || 9), 1 ?? 2 | 4);
let calls = 0; function f() { calls++; return null; }
console.log(f() ?? f() ?? "end", calls);
const g = (x) => x ?? g(1);
console.log(g(null), g(2));
async function h(p) { return (await p) ?? "awaited"; }
h(Promise.resolve(null)).then(console.log);

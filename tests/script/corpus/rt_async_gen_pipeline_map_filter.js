async function* from(arr) { for (const x of arr) { await null; yield x; } }
async function* map(src, fn) { for await (const x of src) yield await fn(x); }
async function* filter(src, pred) { for await (const x of src) if (await pred(x)) yield x; }
async function* take(src, n) { if (n <= 0) return; for await (const x of src) { yield x; if (--n <= 0) return; } }
async function collect(src) { const out = []; for await (const x of src) out.push(x); return out; }
(async () => {
  const squares = map(from([1, 2, 3, 4, 5, 6]), async (x) => x * x);
  const even = filter(squares, async (x) => x % 2 === 0);
  console.log((await collect(take(even, 2))).join(","));
  const words = await collect(map(from(["a", "bb", "ccc"]), (w) => w.toUpperCase()));
  console.log(words.join(" "), words.length);
  console.log((await collect(take(from([1]), 0))).length);
})();

const tick = () => new Promise((r) => setTimeout(r, 1));
(async () => {
  const fns = [];
  for (let i = 0; i < 3; i++) { await tick(); fns.push(() => i); }
  console.log(fns.map((f) => f()).join(","));
  const results = [];
  outer: for (const group of [[1, 2, 3], [4, 5], [6]]) {
    for (const n of group) {
      await tick();
      if (n === 2) continue outer;
      if (n === 5) break outer;
      results.push(n);
    }
  }
  console.log(results.join(","));
  let k = 0;
  const later = [];
  while (k < 3) { const snap = k; later.push(async () => { await tick(); return snap * 2; }); k++; }
  console.log((await Promise.all(later.map((f) => f()))).join(","));
  try { await tick(); throw new Error("x"); } catch (e) { await tick(); console.log("caught after await", e.message); } finally { await tick(); console.log("finally after await"); }
})();

// A let/const read before its declaration throws ReferenceError, as in node;
// a closure that runs after the declaration reads it fine.
function show(f) {
  try { console.log(f()); } catch (e) { console.log(e.name + ": " + e.message); }
}
show(() => { const r = x; let x = 1; return r; });
show(() => { const r = typeof y; const y = 2; return r; });
show(() => { let z = z + 1; return z; });
show(() => { { console.log(w); } let w = 3; return w; });
show(() => { const o = { v }; const v = 4; return o.v; });
show(() => { function later() { return q; } const q = 5; return later(); });
show(() => { const get = () => p; let p = 6; return get(); });
show(() => { for (let i = 0; i < 2; i++) { if (i === 1) return k; } const k = 7; return k; });
show(() => { let n = 8; return n; });

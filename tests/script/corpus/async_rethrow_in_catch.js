async function a() { throw new Error("A"); }
async function b() {
  try { await a(); } catch (e) { throw new Error("B wraps " + e.message); }
}
b().catch(e => console.log(e.message));

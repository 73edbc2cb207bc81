let e = "outer";
try {
  throw new Error("boom");
} catch (e) {
  let msg = e.message;
  console.log(msg);
}
try { JSON.parse("{"); } catch { console.log("bad json"); }
console.log(e);

function risky(n) {
  if (n > 1) throw new RangeError(`too big: ${n}`);
  return n;
}
try { risky(5); } catch (err) { console.log(err.name, err.message); } finally { console.log("finally"); }

const log = [];
function attempt(n) {
  try {
    log.push(`try${n}`);
    if (n === 1) throw new Error("one");
    if (n === 2) return "returned";
    return "normal";
  } catch (e) { log.push(`catch:${e.message}`); return "caught"; }
  finally {
    log.push(`finally${n}`);
  }
}
console.log(attempt(0), attempt(1), attempt(2));
console.log(log.join(" "));
function override() { try { return "try"; } finally { return "finally"; } }
console.log(override());
function nested() {
  try { try { throw new Error("inner"); } finally { log.length = 0; log.push("inner-finally"); } }
  catch (e) { return `${e.message} after ${log[0]}`; }
}
console.log(nested());
try { null.x; } catch { console.log("optional catch binding"); }
let count = 0;
for (const x of [1, 2, 3]) { try { if (x === 2) continue; count += x; } finally { count += 10; } }
console.log(count);

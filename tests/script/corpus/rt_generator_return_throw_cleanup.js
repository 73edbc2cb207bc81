const log = [];
function* worker() {
  try {
    let i = 0;
    while (true) {
      try { const cmd = yield i++; if (cmd) log.push(`cmd:${cmd}`); }
      catch (e) { log.push(`handled:${e.message}`); if (e.message === "fatal") throw e; }
    }
  } finally { log.push("cleanup"); }
}
const g = worker();
g.next(); g.next("reload");
console.log(JSON.stringify(g.throw(new Error("soft"))));
try { g.throw(new Error("fatal")); } catch (e) { log.push(`outer:${e.message}`); }
console.log(JSON.stringify(g.next()));
const h = worker(); h.next();
console.log(JSON.stringify(h.return("stopped")), JSON.stringify(h.next()));
for (const v of worker()) if (v === 2) break;
console.log(log.join(" "));

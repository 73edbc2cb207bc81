function* tokenizer() {
  let buf = "", tokens = [];
  while (true) {
    const ch = yield tokens.splice(0);
    if (ch === null) { if (buf) tokens.push(buf); return tokens; }
    if (/\s/.test(ch)) { if (buf) tokens.push(buf); buf = ""; }
    else if ("=;".includes(ch)) { if (buf) tokens.push(buf); buf = ""; tokens.push(ch); }
    else buf += ch;
  }
}
const t = tokenizer(); t.next();
const all = [];
for (const ch of "port = 80; host=local") all.push(...t.next(ch).value);
const last = t.next(null);
all.push(...last.value);
console.log(all.join(" "), last.done);
const counter = (function* () { let n = 0; while (true) { const reset = yield n++; if (reset) n = 0; } })();
console.log(counter.next().value, counter.next().value, counter.next(true).value, counter.next().value);

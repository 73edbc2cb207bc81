async function* groups() { yield ["a1", "a2", "skip"]; yield ["b1"]; yield ["skip", "c2"]; }
async function* chars(s) { for (const c of s) { await null; yield c; } }
(async () => {
  const out = [];
  outer: for await (const group of groups()) {
    for (const item of group) {
      if (item === "skip") continue outer;
      out.push(item);
    }
    out.push("|");
  }
  console.log(out.join(" "));
  const found = [];
  search: for await (const word of chars("xyz")) {
    for await (const c of chars("abyz")) {
      if (c === word) { found.push(`${word}@${c}`); continue search; }
    }
    found.push(`${word}:miss`);
  }
  console.log(found.join(","));
})();

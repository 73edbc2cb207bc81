const units = [{ n: "web", s: "active", u: 3661 }, { n: "db", s: "failed", u: 59 }];
const fmtUptime = (sec) => `${Math.floor(sec / 3600)}h${String(Math.floor((sec % 3600) / 60)).padStart(2, "0")}m${String(sec % 60).padStart(2, "0")}s`;
for (const { n, s, u } of units) console.log(`${n.padEnd(5)}${s === "active" ? "●" : "✗"} ${s.toUpperCase()} ${fmtUptime(u)}`);
const html = `<ul>
${units.map((u) => `  <li class="${u.s}">${u.n}</li>`).join("\n")}
</ul>`;
console.log(html);
console.log(`nested ${`inner ${`deepest ${1 + 1}`}`}`, `${[1, 2]}`, `${{}}`, `${null} ${undefined}`);
console.log(`a\`b`, `\${not}`, `line1\
line2`.length);

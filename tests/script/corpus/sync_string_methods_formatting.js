const rows = [["name", "pid", "mem"], ["nginx", 1234, "12.5M"], ["postgres", 88, "210M"]];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
for (const r of rows) console.log(r.map((c, i) => (typeof c === "number" ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join(" | "));
console.log("a-b-c".replaceAll("-", "_"), "x.y.z".split(".", 2).join("|"));
console.log("  trim me  ".trim() + "|", "  left".trimStart(), "right  ".trimEnd() + "|");
console.log("hello".at(-1), "hello".at(0), "abc".repeat(2), "Ab".toLowerCase() + "ab".toUpperCase());
console.log("key=value=more".split("=").slice(1).join("="), "/a/b/c".lastIndexOf("/"), "file.tar.gz".endsWith(".gz"));
console.log("a,b,,c".split(","), "x".codePointAt(0), String.fromCharCode(72, 105));

const tpl = "Hello {{ name }}, you have {{count}} new {{ item }}{{missing}}!";
const render = (t, vars) => t.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k) => String(vars[k] ?? ""));
console.log(render(tpl, { name: "Ada", count: 3, item: "alerts" }));
const ini = "; comment\n[main]\nkey = value \nother=  spaced out\n\n[extra]\nflag=1";
let section = "";
const parsed = {};
for (const raw of ini.split("\n")) {
  const line = raw.trim();
  if (!line || line.startsWith(";")) continue;
  if (line.startsWith("[")) { section = line.slice(1, -1); parsed[section] = {}; continue; }
  const [k, ...v] = line.split("=");
  parsed[section][k.trim()] = v.join("=").trim();
}
console.log(JSON.stringify(parsed));
console.log("snake_case_name".replace(/_(\w)/g, (_, c) => c.toUpperCase()), "CamelCaseName".replace(/[A-Z]/g, (c, i) => (i ? "-" : "") + c.toLowerCase()));
console.log("a\tb\tc".split("\t").map((s) => s.padStart(3, ".")).join(""), "abc".localeCompare("abd"), "x".concat(1, null));

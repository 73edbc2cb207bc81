const conf = `[service]
exec = /bin/app
  --flag
[timer]
every = 5m`;
const section = conf.match(/\[service\](.*?)\[/s)[1].trim();
console.log(JSON.stringify(section));
console.log(/a.b/.test("a\nb"), /a.b/s.test("a\nb"), /a.b/s.flags, /x/s.dotAll);
const headers = [...conf.matchAll(/^\[(\w+)\]$/gm)].map((m) => m[1]);
console.log(headers.join(","));
const blocks = conf.split(/^(?=\[)/m).map((b) => b.split("\n")[0]);
console.log(blocks.join(" "));
const comment = "/* multi\nline */ code";
console.log(comment.replace(/\/\*.*?\*\//s, "").trim());

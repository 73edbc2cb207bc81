function start({ name, env: { NODE_ENV: mode = "dev", ...vars } = {}, args = [] } = {}, ...flags) {
  return `${name ?? "anon"} ${mode} ${Object.keys(vars).join("+") || "-"} ${args.length} ${flags.join("")}`;
}
console.log(start({ name: "api", env: { NODE_ENV: "prod", A: 1, B: 2 }, args: ["x"] }, "-v", "-q"));
console.log(start());
console.log(start({ env: {} }));
try { throw { code: 42, detail: { reason: "timeout", tries: [1, 2] } }; }
catch ({ code, detail: { reason, tries: [, second] } }) { console.log(code, reason, second); }
const swap = ([a, b]) => [b, a];
console.log(swap([1, 2]), (({ x = 5 }) => x)({}));

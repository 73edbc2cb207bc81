let calls = [];
const def = (name, v) => { calls.push(name); return v; };
function launch(cmd, args = def("args", [cmd]), cwd = def("cwd", "/"), env = { CMD: cmd, N: args.length }) {
  return `${cmd} ${args.join(" ")} in ${cwd} ${JSON.stringify(env)}`;
}
console.log(launch("ls"));
console.log(launch("cp", ["a", "b"], undefined, null));
console.log(calls.join(","));
const counter = (start = 0, { step = 1, max = start + 3 } = {}) => { const out = []; for (let i = start; i <= max; i += step) out.push(i); return out; };
console.log(counter().join(""), counter(2, { step: 2, max: 8 }).join(" "), counter(5, {}).length);
function arity(a, b = 1, ...c) {} 
console.log(arity.length, ((a, b) => {}).length, (function (...r) {}).length);

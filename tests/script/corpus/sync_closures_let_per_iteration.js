const fns = [];
for (let i = 0; i < 3; i++) fns.push(() => i);
console.log(fns.map((f) => f()).join(","));
const vfns = [];
for (var j = 0; j < 3; j++) vfns.push(() => j);
console.log(vfns.map((f) => f()).join(","));
const handlers = {};
for (const name of ["start", "stop"]) handlers[name] = () => `${name}ed`;
console.log(handlers.start(), handlers.stop());
const mut = [];
for (let k = 0; k < 4; k++) { mut.push(() => k); k++; }
console.log(mut.map((f) => f()).join(","));
const counters = ["a", "b"].map((id) => { let n = 0; return () => `${id}${++n}`; });
console.log(counters[0](), counters[0](), counters[1]());

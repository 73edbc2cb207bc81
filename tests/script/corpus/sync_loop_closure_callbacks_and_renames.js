// Loop bindings that shadow outer names, and callbacks inside the body.
let i = "outer";
const fns = [];
for (let i = 0; i < 2; i++) {
  [10, 20].forEach(x => fns.push(() => i + x));
}
console.log(i, fns.map(f => f()).join(","));

// The same name in the head and in the body block.
const same = [];
for (let v = 0; v < 2; v++) {
  let v$ = v;
  {
    let v = "inner" + v$;
    same.push(() => v);
  }
  same.push(() => v);
}
console.log(same.map(f => f()).join(","));

// Object shorthand and templates with captured bindings.
const objs = [];
for (let idx = 0; idx < 2; idx++) {
  const name = `n${idx}`;
  objs.push(() => ({ idx, name }));
}
console.log(objs.map(f => JSON.stringify(f())).join(" "));

// A loop in an arrow function; map callbacks created per iteration.
const build = n => {
  const out = [];
  for (let r = 0; r < n; r++) {
    out.push([1, 2].map(c => () => r * c));
  }
  return out;
};
console.log(build(3).map(row => row.map(f => f()).join("")).join("|"));

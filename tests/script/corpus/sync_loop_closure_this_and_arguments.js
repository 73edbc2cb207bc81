// this and arguments in a per-iteration body are the enclosing function's.
function collect() {
  const fns = [];
  for (let i = 0; i < arguments.length; i++) {
    const arg = arguments[i];
    fns.push(() => this.prefix + arg + arguments.length + i);
  }
  return fns.map(f => f()).join(",");
}
console.log(collect.call({ prefix: "p" }, "a", "b", "c"));

const obj = {
  name: "obj",
  run(keys) {
    const out = [];
    for (const k in keys) {
      out.push(() => this.name + "." + k);
      if (this.name !== "obj") break;
    }
    return out.map(f => f());
  },
};
console.log(obj.run({ x: 1, y: 2 }).join(" "));

// Inside an arrow, `this` is the arrow's lexical this.
function Outer() {
  this.tag = "outer";
  const make = () => {
    const fns = [];
    let i = 0;
    while (i < 2) {
      let j = i++;
      fns.push(() => this.tag + j);
    }
    return fns;
  };
  this.values = make().map(f => f());
}
console.log(new Outer().values.join(","));

// A plain function inside the body keeps its own this.
const holder = { v: "holder" };
for (let i = 0; i < 1; i++) {
  holder.get = function () { return this.v + i; };
}
console.log(holder.get());

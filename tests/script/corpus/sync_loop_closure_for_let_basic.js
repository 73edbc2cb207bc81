// Each closure created in a for(;;) body sees its own iteration's `i`.
const fns = [];
for (let i = 0; i < 3; i++) {
  fns.push(() => i);
}
console.log(fns.map(f => f()).join(","));

const named = [];
for (let i = 0; i < 3; i++) named.push(function () { return "n" + i; });
console.log(named.map(f => f()).join(","));

// A var loop, for contrast, shares one binding.
const shared = [];
for (var v = 0; v < 3; v++) shared.push(() => v);
console.log(shared.map(f => f()).join(","));

// const declared in the body, captured.
const squares = [];
for (let i = 1; i <= 4; i++) {
  const sq = i * i;
  squares.push(() => `${i}^2=${sq}`);
}
console.log(squares.map(f => f()).join(" "));

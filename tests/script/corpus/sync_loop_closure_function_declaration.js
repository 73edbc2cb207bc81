// A function declaration in the body captures that iteration's bindings.
const fns = [];
for (let i = 0; i < 3; i++) {
  fns.push(get);
  function get() {
    return "get" + i;
  }
}
console.log(fns.map(f => f()).join(","));

// Recursion through a declared function inside the body.
const facts = [];
let n = 1;
while (n <= 4) {
  const limit = n;
  function fact(k) { return k <= 1 ? 1 : k * fact(k - 1); }
  facts.push(() => limit + "!=" + fact(limit));
  n++;
}
console.log(facts.map(f => f()).join(" "));

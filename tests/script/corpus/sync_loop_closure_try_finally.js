// try/catch/finally in a per-iteration body.
const fns = [];
for (let i = 0; i < 6; i++) {
  try {
    fns.push(() => i);
    if (i === 1) continue;
    if (i === 3) throw new Error("three");
  } catch (e) {
    fns.push(() => e.message + i);
  } finally {
    // Runs after continue, before the next iteration copies `i`.
    if (i === 1) i = 2;
  }
}
console.log(fns.map(f => f()).join(","));

// finally overriding a break with a return.
function override() {
  for (let i = 0; i < 3; i++) {
    const f = () => i;
    try {
      break;
    } finally {
      if (f() === 0) return "returned " + f();
    }
  }
  return "fell through";
}
console.log(override());

// An exception leaves the loop and the function.
function thrower() {
  for (let i = 0; i < 3; i++) {
    const f = () => i;
    if (f() === 1) throw new RangeError("at " + f());
  }
}
try {
  thrower();
} catch (e) {
  console.log(e.name, e.message);
}

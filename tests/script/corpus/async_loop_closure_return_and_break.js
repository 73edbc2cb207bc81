// return and break after an await, out of per-iteration bodies.
const later = v => new Promise(resolve => setTimeout(() => resolve(v), 0));
async function find(items, wanted) {
  const seen = [];
  for (let i = 0; i < items.length; i++) {
    const item = await later(items[i]);
    seen.push(() => i + "=" + item);
    if (item === wanted) return seen.map(f => f()).join(",");
    if (item === "stop") break;
  }
  return "not found after " + seen.length;
}
async function nested() {
  outer: for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      await null;
      const f = () => a * 10 + b;
      if (b > a) continue outer;
      if (f() === 22) return f;
    }
  }
  return () => -1;
}
async function main() {
  console.log(await find(["x", "y", "z"], "y"));
  console.log(await find(["x", "stop", "z"], "z"));
  console.log((await nested())());
  try {
    for (let i = 0; i < 3; i++) {
      await later(i);
      const f = () => i;
      if (f() === 1) throw new Error("boom at " + f());
    }
  } catch (e) {
    console.log("caught", e.message);
  }
}
main().then(() => console.log("done"));

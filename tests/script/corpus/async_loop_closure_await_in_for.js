// await in a for body whose let is captured by closures.
const tick = v => Promise.resolve(v);
async function main() {
  const fns = [];
  for (let i = 0; i < 4; i++) {
    const got = await tick(i * 10);
    fns.push(() => i + ":" + got);
    if (i === 1) {
      i++;
      continue;
    }
    await null;
    fns.push(() => "after" + i);
  }
  console.log(fns.map(f => f()).join(" "));
  return fns.length;
}
main().then(n => console.log("count", n));
console.log("sync part done");

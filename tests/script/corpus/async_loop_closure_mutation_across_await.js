// A closure changes the loop variable while its iteration is suspended at an
// await: the change is copied to the next iteration, as in node.
async function main() {
  const reads = [];
  for (let i = 0; i < 6; i++) {
    const bump = () => { i += 2; };
    Promise.resolve().then(bump);
    await null;
    await null;
    reads.push(() => i);
  }
  console.log(reads.map(f => f()).join(","));
}
async function withThis() {
  const out = [];
  for (let i = 0; i < 2; i++) {
    await null;
    out.push(() => this.name + i + arguments[0]);
  }
  return out.map(f => f()).join(",");
}
main()
  .then(() => withThis.call({ name: "T" }, "!"))
  .then(s => console.log(s));

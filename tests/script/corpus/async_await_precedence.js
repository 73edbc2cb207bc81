async function main() {
  const a = await 1 + 2;
  const b = await Promise.resolve(3) * 2;
  const c = typeof await Promise.resolve("s");
  const d = !await Promise.resolve(false);
  console.log(a, b, c, d);
}
main();

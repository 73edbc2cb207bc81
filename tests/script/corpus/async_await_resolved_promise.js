async function main() {
  const a = await Promise.resolve("a");
  const b = await new Promise(resolve => resolve("b"));
  console.log(a + b);
}
main();

const delay = (ms, v) => new Promise(r => setTimeout(() => r(v), ms));
async function main() {
  const values = await Promise.all([delay(20, "a"), delay(5, "b"), "c", Promise.resolve("d")]);
  console.log(values.join(","));
}
main();

async function main() {
  const items = [1, 2, 3];
  const doubled = await Promise.all(items.map(async x => {
    await null;
    return x * 2;
  }));
  console.log(doubled.join(","));
}
main();

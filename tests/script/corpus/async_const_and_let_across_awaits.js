async function main() {
  const base = await Promise.resolve(10);
  let acc = base;
  {
    let acc = 0;
    acc += await Promise.resolve(5);
    console.log("inner acc", acc);
  }
  acc += 1;
  console.log("outer acc", acc);
}
main();

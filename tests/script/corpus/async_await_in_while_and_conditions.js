let n = 0;
const next = async () => { n++; return n < 4; };
async function main() {
  while (await next()) {
    console.log("n", n);
  }
  if (await Promise.resolve(true)) console.log("condition awaited");
  return (await Promise.resolve(1)) ? "yes" : "no";
}
main().then(console.log);

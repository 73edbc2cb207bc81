const delay = ms => new Promise(r => setTimeout(r, ms));
async function main() {
  let total = 0;
  for (let i = 0; i < 3; i++) {
    await delay(5);
    total += i;
    console.log("iteration", i);
  }
  return total;
}
main().then(t => console.log("total", t));

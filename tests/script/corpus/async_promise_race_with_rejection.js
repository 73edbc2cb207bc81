const delay = (ms, v) => new Promise(r => setTimeout(() => r(v), ms));
const failAfter = ms => new Promise((_, rej) => setTimeout(() => rej(new Error("timeout")), ms));
async function main() {
  try {
    await Promise.race([delay(30, "late"), failAfter(10)]);
  } catch (e) {
    console.log("race rejected:", e.message);
  }
  console.log(await Promise.race([delay(5, "quick"), failAfter(30)]));
}
main();

const fail = (ms, msg) => new Promise((_, reject) => setTimeout(() => reject(new Error(msg)), ms));
async function main() {
  try {
    await Promise.all([fail(10, "first"), fail(20, "second"), Promise.resolve(1)]);
    console.log("not reached");
  } catch (e) {
    console.log("caught", e.message);
  }
}
main();

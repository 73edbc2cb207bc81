async function main() {
  try {
    await Promise.reject("plain string");
  } catch (e) {
    console.log("caught", typeof e, e);
  }
}
main();

async function main() {
  const v = await Promise.any([Promise.reject(new Error("x")), new Promise(r => setTimeout(() => r("ok"), 5))]);
  console.log("any", v);
  try {
    await Promise.any([Promise.reject(new Error("a")), Promise.reject(new Error("b"))]);
  } catch (e) {
    console.log(e.constructor.name, e.errors.length);
  }
}
main();

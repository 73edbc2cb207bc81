async function inner() {
  await null;
  throw new Error("inner failed");
}
async function outer() {
  try {
    await inner();
  } catch (e) {
    console.log("outer caught:", e.message);
    return "recovered";
  }
}
outer().then(v => console.log(v));

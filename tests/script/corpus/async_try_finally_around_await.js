async function work(fail) {
  try {
    await new Promise(r => setTimeout(r, 5));
    if (fail) throw new Error("failed");
    return "ok";
  } catch (e) {
    console.log("catch", e.message);
    return "caught";
  } finally {
    console.log("finally", fail);
  }
}
work(false).then(v => console.log("1:", v)).then(() => work(true)).then(v => console.log("2:", v));

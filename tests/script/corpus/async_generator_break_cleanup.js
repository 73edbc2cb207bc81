async function* watch() {
  try {
    let i = 0;
    while (true) yield i++;
  } finally {
    console.log("unsubscribed");
  }
}
(async () => {
  for await (const v of watch()) {
    console.log("event", v);
    if (v === 2) break;
  }
  console.log("after loop");
})();

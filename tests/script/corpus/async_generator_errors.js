async function* failing() { yield 1; throw new Error("stream broke"); }
(async () => {
  try {
    for await (const v of failing()) console.log("got", v);
  } catch (e) {
    console.log("caught:", e.message);
  }
  try { for await (const x of 5) console.log(x); } catch (e) { console.log(e.constructor.name); }
  const g = failing();
  console.log(JSON.stringify(await g.return("early")), JSON.stringify(await g.next()));
})();

async function* worker() {
  let i = 0;
  try {
    while (true) {
      try { yield i++; }
      catch (e) { console.log("gen caught", e.message); yield -1; }
    }
  } finally { console.log("gen finally at", i); }
}
(async () => {
  const g = worker();
  console.log(JSON.stringify(await g.next()), JSON.stringify(await g.next()));
  console.log(JSON.stringify(await g.throw(new Error("injected"))));
  console.log(JSON.stringify(await g.next()));
  console.log(JSON.stringify(await g.return("bye")));
  console.log(JSON.stringify(await g.next()));
  const h = worker();
  console.log(JSON.stringify(await h.return("early")));
})();

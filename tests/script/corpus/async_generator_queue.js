async function* letters() { yield "a"; yield "b"; yield "c"; }
(async () => {
  const g = letters();
  const results = await Promise.all([g.next(), g.next(), g.next(), g.next()]);
  console.log(results.map((r) => `${r.value}:${r.done}`).join(" "));
})();

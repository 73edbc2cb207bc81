const delay = (ms, v) => new Promise(r => setTimeout(() => { console.log("resolve", v); r(v); }, ms));
async function sequential() {
  const a = await delay(10, "s1");
  const b = await delay(5, "s2");
  return a + b;
}
async function parallel() {
  const pa = delay(10, "p1");
  const pb = delay(5, "p2");
  return (await pa) + (await pb);
}
sequential().then(v => { console.log("seq", v); return parallel(); }).then(v => console.log("par", v));

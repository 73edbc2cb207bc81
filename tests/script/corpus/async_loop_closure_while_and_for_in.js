// await in while, do-while and for-in bodies with captured bindings.
async function main() {
  const fns = [];
  let n = 0;
  while (n < 3) {
    const mine = n++;
    await Promise.resolve();
    fns.push(() => "w" + mine);
  }
  let d = 0;
  do {
    let step = d;
    await new Promise(r => setTimeout(r, 0));
    fns.push(() => "d" + step);
    d++;
  } while (d < 2);
  for (const k in { p: 1, q: 2 }) {
    const v = await Promise.resolve(k.toUpperCase());
    fns.push(() => k + v);
  }
  console.log(fns.map(f => f()).join(","));
}
const arrow = async () => {
  const out = [];
  for (let i = 0; i < 2; i++) {
    out.push(async () => (await Promise.resolve(i)) * 2);
  }
  const values = await Promise.all(out.map(f => f()));
  console.log("arrow", values.join(","));
};
main().then(arrow).then(() => console.log("end"));

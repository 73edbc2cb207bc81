// Destructuring awaited values, in declarations, assignments and params.
const delay = (v, ms = 3) => new Promise((r) => setTimeout(() => r(v), ms));
async function load({ name, retries = 2 } = {}) {
  const { port, hosts: [primary, ...backups] } = await delay({ port: 80, hosts: ["a", "b", "c"] });
  return { name, retries, port, primary, backups };
}
async function main() {
  console.log(await load({ name: "web" }));
  let x, y;
  [x, y] = await Promise.all([delay(1), delay(2, 1)]);
  console.log(x, y);
  const [{ v }, [w = await delay("dw")]] = [await delay({ v: "vv" }), []];
  console.log(v, w);
  try {
    const { missing: { deep } } = await delay({});
    console.log(deep);
  } catch ({ constructor }) {
    console.log("caught", constructor.name);
  }
  const results = await Promise.all([1, 2].map(async (n) => ({ n, sq: await delay(n * n) })));
  for (let i = 0; i < results.length; i++) {
    const { n, sq } = results[i];
    console.log(n, sq);
  }
}
main().then(() => console.log("done"));

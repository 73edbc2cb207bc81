const pages = { 1: { items: ["a", "b"], next: 2 }, 2: { items: ["c"], next: 3 }, 3: { items: ["d", "e", "f"], next: null } };
const fetchPage = (n) => new Promise((r) => setTimeout(() => r(pages[n]), 2));
async function* items() {
  let page = 1;
  while (page) {
    const { items, next } = await fetchPage(page);
    yield* items;
    page = next;
  }
}
async function* numbered(src) { let i = 0; for await (const x of src) yield `${++i}.${x}`; }
(async () => {
  const out = [];
  for await (const it of numbered(items())) out.push(it);
  console.log(out.join(" "));
  for await (const x of items()) { if (x === "c") { console.log("stopped at", x); break; } }
  for await (const v of [Promise.resolve(1), 2, new Promise((r) => setTimeout(() => r(3), 1))]) console.log("v", v);
})();

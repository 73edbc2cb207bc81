const pages = { 1: { items: ["a", "b"], next: 2 }, 2: { items: ["c"], next: 3 }, 3: { items: ["d", "e"], next: null } };
const fetchPage = (n) => new Promise((r) => setTimeout(() => r(pages[n]), 2));
async function* allItems() {
  let page = 1;
  while (page) {
    const { items, next } = await fetchPage(page);
    yield* items;
    page = next;
  }
}
(async () => {
  const out = [];
  for await (const item of allItems()) out.push(item);
  console.log(out.join(","));
})();

const tree = { v: 1, kids: [{ v: 2, kids: [{ v: 4, kids: [] }] }, { v: 3, kids: [{ v: 5, kids: [] }, { v: 6, kids: [] }] }] };
const visited = [];
async function sum(node, depth = 0) {
  await new Promise((r) => setTimeout(r, depth));
  visited.push(node.v);
  const kidSums = await Promise.all(node.kids.map((k) => sum(k, depth + 1)));
  return kidSums.reduce((a, b) => a + b, node.v);
}
async function depthOf({ kids }) {
  if (!kids.length) return 1;
  return 1 + Math.max(...(await Promise.all(kids.map(depthOf))));
}
(async () => {
  console.log("sum", await sum(tree));
  console.log("visited count", visited.length, "root first", visited[0] === 1);
  console.log("depth", await depthOf(tree));
})();

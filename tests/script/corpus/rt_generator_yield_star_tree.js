const tree = { name: "root", children: [{ name: "a", children: [{ name: "a1", children: [] }] }, { name: "b", children: [] }] };
function* walk(node, depth = 0) {
  yield `${"  ".repeat(depth)}${node.name}`;
  for (const c of node.children) yield* walk(c, depth + 1);
}
for (const line of walk(tree)) console.log(line);
function* inner() { const x = yield 1; yield x * 2; return "inner-done"; }
function* outer() { const r = yield* inner(); yield r; yield* [7, 8]; yield* "hi"; }
const g = outer();
console.log(g.next().value, g.next(21).value, g.next().value);
console.log([...g].join(","));

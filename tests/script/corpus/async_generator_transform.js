async function* source() { for (const line of ["GET /", "POST /api", "GET /health"]) yield line; }
async function* filter(pred, xs) { for await (const x of xs) if (pred(x)) yield x; }
async function* map(f, xs) { for await (const x of xs) yield f(x); }
(async () => {
  const gets = map((l) => l.split(" ")[1], filter((l) => l.startsWith("GET"), source()));
  const out = [];
  for await (const path of gets) out.push(path);
  console.log(out);
})();

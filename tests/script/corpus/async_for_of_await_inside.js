const fetchLen = (s) => new Promise((r) => setTimeout(() => r(s.length), 3));
function* names() { yield "api"; yield "worker"; yield "db"; }
(async () => {
  const out = [];
  for (const n of names()) out.push(`${n}:${await fetchLen(n)}`);
  console.log(out.join(" "));
  for (const [i, x] of [[0, "a"], [1, "b"]]) console.log(i, await Promise.resolve(x));
})();

const value = (v) => new Promise((r) => setTimeout(() => r(v), 1));
const tag = (s, ...v) => s.raw.map((str, i) => str + (i < v.length ? `<${v[i]}>` : "")).join("");
(async () => {
  console.log(`host=${await value("h1")} port=${await value(80)}`);
  console.log(tag`a${await value(1)}b${await value(2)}c`);
  const parts = [];
  for (const x of ["x", "y"]) parts.push(`${x}:${await value(x.charCodeAt(0))}`);
  console.log(parts.join(" "));
  const obj = { [await value("dyn")]: await value(true), ...(await value({ spread: 1 })) };
  console.log(JSON.stringify(obj));
})();

const get = (v) => new Promise((r) => setTimeout(() => r(v), 1));
(async () => {
  const obj = { [await get("name")]: await get("runy"), ...(await get({ a: 1, b: 2 })), [`k${await get(3)}`]: true };
  console.log(JSON.stringify(obj));
  const arr = [0, ...(await get([1, 2])), ...(await get("ab"))];
  console.log(arr.join(","));
  const max = Math.max(...(await get([4, 9, 2])));
  console.log("max", max);
  const merged = { ...obj, ...(await get(null)), name: (await get("override")).toUpperCase() };
  console.log(Object.keys(merged).join(","), merged.name);
})();

const log = [];
(async () => {
  const v = await Promise.resolve("value").finally(() => { log.push("finally1"); return "ignored"; });
  console.log(v);
  const r = await Promise.reject(new Error("orig")).finally(() => log.push("finally2")).catch((e) => e.message);
  console.log(r);
  const replaced = await Promise.resolve(1).finally(() => { throw new Error("from finally"); }).catch((e) => e.message);
  console.log(replaced);
  const delayed = await Promise.resolve("kept").finally(() => new Promise((res) => setTimeout(() => { log.push("slow finally"); res("x"); }, 3)));
  console.log(delayed, log.join(","));
})();

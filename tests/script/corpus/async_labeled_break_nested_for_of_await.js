const check = (host, port) => new Promise((r) => setTimeout(() => r(host === "b" && port === 2), 1));
(async () => {
  let found = null;
  let attempts = 0;
  outer: for (const host of ["a", "b", "c"]) {
    for (const port of [1, 2, 3]) {
      attempts++;
      if (await check(host, port)) { found = `${host}:${port}`; break outer; }
      if (port === 1 && host === "a") continue outer;
    }
  }
  console.log("found", found, "after", attempts);
  const seen = [];
  block: {
    for (const v of [1, 2, 3]) {
      seen.push(await v);
      if (v === 2) break block;
    }
    seen.push("unreachable");
  }
  console.log(seen.join(","));
})();

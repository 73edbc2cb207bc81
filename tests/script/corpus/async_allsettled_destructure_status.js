const ok = (v, ms) => new Promise((r) => setTimeout(() => r(v), ms));
const fail = (msg, ms) => new Promise((_, j) => setTimeout(() => j(new Error(msg)), ms));
(async () => {
  const [{ status: s1, value }, { status: s2, reason: { message } }, third] =
    await Promise.allSettled([ok("alpha", 5), fail("broken", 1), 7]);
  console.log(s1, value, s2, message);
  console.log(third.status, third.value, "reason" in third);
  const results = await Promise.allSettled([fail("x", 2), ok("y", 1)]);
  const summary = results.map(({ status, value, reason }) => status === "fulfilled" ? `+${value}` : `-${reason.message}`);
  console.log(summary.join(" "));
  const [empty] = [await Promise.allSettled([])];
  console.log("empty length", empty.length);
})();

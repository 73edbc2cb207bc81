const steps = [];
async function main() {
  steps.push("begin");
  await new Promise((r) => setTimeout(r, 2));
  steps.push("after timer");
  try { await Promise.reject(new Error("soft failure")); }
  catch (e) { steps.push(`handled ${e.message}`); process.exitCode = 3; }
  return steps.length;
}
main().then((n) => {
  console.log(steps.join(" / "));
  console.log("steps", n, "exitCode", process.exitCode);
});

const delay = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
const fetchUnit = async (name) => delay(name.length, { name, status: { active: name !== "db", pid: name.length * 100 }, deps: [name + "-dep"] });
async function main() {
  const [{ name: a, status: { pid } }, { status: { active: dbActive = true } }] = await Promise.all([fetchUnit("web"), fetchUnit("db")]);
  console.log(a, pid, dbActive);
  const { deps: [firstDep, second = "none"], ...rest } = await fetchUnit("cache");
  console.log(firstDep, second, Object.keys(rest).join(","));
  for (const { name, status: { pid: p } } of await Promise.all(["x", "yy"].map(fetchUnit))) console.log(name, p);
  const { missing: { deep } = { deep: "default-deep" } } = await delay(1, {});
  console.log(deep);
}
main().then(() => console.log("done"));

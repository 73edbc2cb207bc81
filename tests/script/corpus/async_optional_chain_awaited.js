const api = {
  async getUnit(name) { await null; return name === "web" ? { name, spec: { exec: ["/bin/web", "--port", "80"], env: null } } : null; },
};
(async () => {
  const web = await api.getUnit("web");
  const none = await api.getUnit("ghost");
  console.log(web?.spec?.exec?.[0], none?.spec?.exec?.[0] ?? "no exec");
  console.log(web?.spec.env?.HOME ?? "no env", (await api.getUnit("web"))?.spec.exec.at(-1));
  console.log((await api.missing?.("x")) ?? "no method", typeof (await api.getUnit?.("web")));
  const names = await Promise.all(["web", "ghost"].map(async (n) => (await api.getUnit(n))?.name ?? `${n}?`));
  console.log(names.join(" "));
})();

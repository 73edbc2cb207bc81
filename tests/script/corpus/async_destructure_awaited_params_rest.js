const fetchUser = (id) => Promise.resolve({ id, name: `user${id}`, roles: ["admin", "dev", "ops"], meta: { age: 30 + id } });
async function describe({ name, roles: [primary, ...rest] = [], meta: { age, city = "nowhere" } = {}, ...others }) {
  await null;
  return `${name} ${primary} +${rest.length} ${age} ${city} ${Object.keys(others).join(",")}`;
}
(async () => {
  console.log(await describe(await fetchUser(1)));
  const { roles: [, second], ...restOfUser } = await fetchUser(2);
  console.log(second, restOfUser.name, restOfUser.meta.age);
  const [{ name: n1 }, { name: n2 } = { name: "fallback" }] = await Promise.all([fetchUser(3)]);
  console.log(n1, n2);
  console.log(await describe({ name: "bare" }));
})();

const tasks = {
  fetch: async (id) => ({ id, name: `item${id}` }),
};
tasks.fetch(7).then(item => console.log(item.id, item.name));

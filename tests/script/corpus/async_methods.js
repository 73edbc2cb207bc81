const api = {
  base: 10,
  async get(x) {
    await null;
    return this.base + x;
  },
  async twice(x) { return (await this.get(x)) * 2; },
};
api.twice(5).then(v => console.log("twice", v));

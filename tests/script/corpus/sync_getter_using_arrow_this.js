const o = {
  items: [1, 2, 3],
  factor: 3,
  get scaled() { return this.items.map(i => i * this.factor); },
};
console.log(o.scaled.join(","));

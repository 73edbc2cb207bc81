function Box(v) {
  this.v = v;
  this.getters = [() => this.v, () => this.v * 2];
}
const b = new Box(21);
console.log(b.getters.map(g => g()).join(","));

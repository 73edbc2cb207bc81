function Counter() {
  this.count = 0;
  this.incAll = function (items) {
    items.forEach(item => { this.count += item; });
    return this.count;
  };
}
const c = new Counter();
console.log(c.incAll([1, 2, 3]));

const topThis = this;
const f = () => this === topThis;
console.log(f());

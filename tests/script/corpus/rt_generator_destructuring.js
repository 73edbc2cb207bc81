function* pairs() { yield ["a", 1]; yield ["b", 2]; yield ["c", 3]; }
const [[k1, v1], , third = ["none"]] = pairs();
console.log(k1, v1, third);
const obj = Object.fromEntries(pairs());
const { a, ...others } = obj;
console.log(a, others);
function* fib() { let [x, y] = [0, 1]; for (;;) { yield x; [x, y] = [y, x + y]; } }
const [f0, f1, f2, f3, f4, f5] = fib();
console.log(f0, f1, f2, f3, f4, f5);

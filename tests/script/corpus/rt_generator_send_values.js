function* accumulator() {
  let total = 0;
  while (true) {
    const x = yield total;
    if (x === undefined) return total;
    total += x;
  }
}
const acc = accumulator();
acc.next();
acc.next(5);
acc.next(10);
console.log(acc.next(1).value, JSON.stringify(acc.next()), JSON.stringify(acc.next()));

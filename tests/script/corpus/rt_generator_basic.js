function* range(start, end, step = 1) {
  for (let i = start; i < end; i += step) yield i;
}
console.log([...range(0, 5)], [...range(0, 10, 3)]);
const it = range(0, 2);
console.log(JSON.stringify(it.next()), JSON.stringify(it.next()), JSON.stringify(it.next()));
console.log(typeof it.next, it[Symbol.iterator]() === it, Object.prototype.toString.call(it));

// return with and without a value from inside a per-iteration body.
function findFirst(list, pred) {
  const checked = [];
  for (let i = 0; i < list.length; i++) {
    checked.push(() => i);
    if (pred(list[i])) return { index: i, checked: checked.map(f => f()) };
  }
  return null;
}
console.log(JSON.stringify(findFirst([3, 5, 8, 9], x => x % 2 === 0)));
console.log(JSON.stringify(findFirst([1], x => x > 5)));

function early(n) {
  let k = 0;
  while (true) {
    const here = k;
    const f = () => here;
    if (f() === n) return;
    k++;
  }
}
console.log(early(3));

// return from a nested per-iteration loop passes through both.
function nested() {
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const g = () => i * 10 + j;
      if (g() === 21) return g;
    }
  }
  return () => -1;
}
console.log(nested()());

// return value on the next line of a multi-line expression.
function multi(xs) {
  for (const x in xs) {
    const get = () => xs[x];
    if (get() > 1) return get() +
      100;
  }
}
console.log(multi([1, 2, 3]));

// let declared in a while body is a fresh binding each iteration.
const fns = [];
let n = 0;
while (n < 4) {
  let doubled = n * 2;
  const label = "item" + n;
  fns.push(() => label + ":" + doubled);
  doubled++;
  n++;
}
console.log(fns.map(f => f()).join(" "));

// Uninitialized let starts undefined every iteration.
const undef = [];
let m = 0;
while (m < 3) {
  let x;
  undef.push(() => x);
  if (m === 1) x = "set";
  m++;
}
console.log(undef.map(f => String(f())).join(","));

// Nested blocks inside the body.
const nested = [];
let k = 0;
while (k < 3) {
  if (k !== 1) {
    let inner = k * 100;
    nested.push(() => inner);
  } else {
    let inner = -1;
    nested.push(() => inner);
  }
  k++;
}
console.log(nested.map(f => f()).join(","));

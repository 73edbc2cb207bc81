const fns = [];
let shared = 0;
for (var i = 0; i < 3; i++) {
  shared += i;
  fns.push(() => shared);
}
console.log(fns.map(f => f()).join(","));

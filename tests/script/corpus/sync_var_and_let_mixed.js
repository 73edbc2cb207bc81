var total = 0;
for (var i = 0; i < 3; i++) {
  let step = i + 1;
  total += step;
}
console.log(total, i);

let n = 0;
while (n < 3) {
  let doubled = n * 2;
  console.log(doubled);
  n++;
}
do {
  let tmp;
  console.log("tmp", tmp);
  tmp = 1;
  n--;
} while (n > 1);

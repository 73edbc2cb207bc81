for (let i = 0; i < 3; i++) {
  let seen;
  console.log(i, seen);
  seen = i * 10;
}

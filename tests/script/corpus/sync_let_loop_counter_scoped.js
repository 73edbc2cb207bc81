var i = "outer i";
for (let i = 0; i < 2; i++) {
  console.log("loop", i);
}
console.log(i);

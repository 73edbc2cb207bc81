const r = [];
for (let i = 0; i < 4; i++) {
  switch (i) {
    case 0:
    case 1:
      r.push("low");
      break;
    case 2:
      r.push("two");
    default:
      r.push("d");
  }
}
console.log(r.join(","));

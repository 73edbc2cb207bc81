// A switch in a per-iteration body: break leaves the switch, continue the
// iteration.
const fns = [];
for (let i = 0; i < 6; i++) {
  switch (i % 3) {
    case 0:
      fns.push(() => "zero:" + i);
      break;
    case 1:
      continue;
    default: {
      const twice = i * 2;
      fns.push(() => "two:" + twice);
    }
  }
  fns.push(() => "end:" + i);
}
console.log(fns.map(f => f()).join(" "));

// A labeled switch broken from a nested loop.
const out = [];
for (let i = 0; i < 3; i++) {
  sw: switch (i) {
    case 1:
      for (let j = 0; j < 5; j++) {
        out.push(() => "j" + j);
        if (j === 1) break sw;
      }
      out.push(() => "never");
      break;
    default:
      out.push(() => "i" + i);
  }
}
console.log(out.map(f => f()).join(","));

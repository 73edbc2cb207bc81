let n = 3;
const ticks = [];
const id = setInterval(() => {
  ticks.push(n--);
  if (n === 0) {
    clearInterval(id);
    setTimeout(() => { console.log(ticks.join(",")); console.log("liftoff", n); }, 2);
  }
}, 2);
const t = setTimeout(() => console.log("never"), 10);
clearTimeout(t);
setTimeout((a, b) => console.log("args", a + b), 1, 20, 22);
console.log("scheduled", typeof id);

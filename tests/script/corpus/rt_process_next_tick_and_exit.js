console.log(typeof process, Array.isArray(process.argv), typeof process.env);
console.log(typeof process.exit, typeof process.pid, process.env.RUNY_SURELY_UNSET_VAR ?? "unset");
const order = [];
process.nextTick((a, b) => order.push(`tick${a + b}`), 1, 2);
order.push("sync");
setTimeout(() => {
  console.log(order.join(","));
  process.exit(2);
  console.log("never");
}, 1);

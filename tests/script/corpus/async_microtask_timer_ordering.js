const order = [];
setTimeout(() => order.push("timeout0"), 0);
Promise.resolve().then(() => order.push("micro1")).then(() => order.push("micro2"));
queueMicrotask(() => order.push("qm"));
(async () => { order.push("async-sync"); await undefined; order.push("after-await"); await new Promise((r) => setTimeout(r, 1)); order.push("after-timer"); })();
order.push("sync");
setTimeout(() => {
  order.push("timeout5");
  console.log(order.join(" "));
  console.log(order.indexOf("sync") < order.indexOf("micro1"), order.length);
}, 5);

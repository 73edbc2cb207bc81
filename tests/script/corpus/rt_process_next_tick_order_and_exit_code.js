const order = [];
Promise.resolve().then(() => { order.push("promise"); process.nextTick(() => order.push("tick from promise")); Promise.resolve().then(() => order.push("p2")); });
process.nextTick((a) => order.push("tick " + a), 1);
order.push("sync");
setTimeout(() => { console.log(order.join(",")); process.exitCode = 4; }, 5);

const out = [];
(async () => { out.push("A0"); await null; out.push("A1"); await null; out.push("A2"); await null; out.push("A3"); })();
Promise.resolve().then(() => out.push("P1")).then(() => out.push("P2")).then(() => out.push("P3"));
queueMicrotask(() => { out.push("Q1"); queueMicrotask(() => out.push("Q2")); });
(async () => { out.push("B0"); await Promise.resolve(); out.push("B1"); })();
setTimeout(() => console.log(out.join(" ")), 1);
setTimeout(() => console.log("count", out.length), 10);

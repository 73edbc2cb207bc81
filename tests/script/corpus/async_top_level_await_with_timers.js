console.log("before");
await new Promise(r => setTimeout(r, 10));
console.log("after 10ms");
const results = await Promise.all([1, 2, 3].map(async n => n * n));
console.log(results.join(" "));

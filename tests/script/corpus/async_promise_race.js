const delay = (ms, v) => new Promise(r => setTimeout(() => r(v), ms));
Promise.race([delay(30, "slow"), delay(10, "fast")]).then(v => console.log("race", v));

console.log(typeof process.env.PATH, process.platform, typeof process.pid, process.argv.length, process.argv[1].endsWith("pr.js"));
console.log(typeof process.cwd(), typeof process.env.HOME);
process.nextTick((a, b) => console.log("tick", a + b), 1, 2);
Promise.resolve().then(() => console.log("promise"));
setTimeout(() => { console.log("before exit"); process.exit(3); console.log("never"); }, 1);

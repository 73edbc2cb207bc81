async function f() { return 1; }
const p = f();
console.log(p instanceof Promise, typeof p.then);
p.then(v => console.log("value", v));

const who = "world";
const n = 3;
console.log(`hello ${who}!`, `${n} + ${n} = ${n + n}`, `plain`);

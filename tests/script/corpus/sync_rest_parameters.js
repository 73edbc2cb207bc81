// Rest parameters: a real array of the remaining arguments.
function sum(first, ...rest) { return rest.reduce((a, b) => a + b, first); }
console.log(sum(1), sum(1, 2, 3, 4), sum.length);
const tail = (...xs) => xs.slice(1);
console.log(tail(1, 2, 3), tail(), Array.isArray(tail()), tail.length);
function log(level, ...parts) { return "[" + level + "] " + parts.join(" "); }
console.log(log("info", "started", "pid", 42));
function mixed(a, b = 5, ...c) { return { a, b, c }; }
console.log(mixed(1), mixed(1, 2, 3, 4));

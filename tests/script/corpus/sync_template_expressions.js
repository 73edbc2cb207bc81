const a = 2, b = 5;
console.log(`${a > b ? "a" : "b"} wins`, `${(a, b)}`, `${a}${b}`, `${"x" + a}`);
console.log(`${typeof a}`.length, `${a}`.padStart(3, "0"));

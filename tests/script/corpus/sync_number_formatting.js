console.log((1234.5678).toFixed(2), (0.1 + 0.2).toFixed(10), (5).toFixed(3));
console.log((255).toString(2), (255).toString(16), (255).toString(8), (-10).toString(2));
console.log(parseInt("ff", 16), parseInt("0b101".slice(2), 2), Number("0x1f"), Number(""), Number("  42  "));
console.log((1e21).toString(), (123.456).toPrecision(4), (0.000123).toExponential(2));
console.log(Number.isInteger(5.0), Number.isSafeInteger(2 ** 53), Number.EPSILON > 0, Number.MAX_SAFE_INTEGER);
const bytes = (n) => { const u = ["B", "K", "M", "G"]; let i = 0; while (n >= 1024 && i < u.length - 1) { n /= 1024; i++; } return `${n.toFixed(1)}${u[i]}`; };
console.log([500, 2048, 5 * 1024 ** 2, 3.5 * 1024 ** 3].map(bytes).join(" "));
console.log(Math.round(2.5), Math.round(-2.5), Math.trunc(-4.7), Math.sign(-3), Math.hypot(3, 4), Math.cbrt(8));
console.log(Math.max(), Math.min(...[4, 2, 8]), Math.clz32(1), Math.log2(1024), Math.fround(5.5));

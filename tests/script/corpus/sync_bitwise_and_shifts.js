const x = 0b1100, y = 0b1010;
console.log(x & y, x | y, x ^ y, ~x, x << 2, x >> 1, -x >>> 28);

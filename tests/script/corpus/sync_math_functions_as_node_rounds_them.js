const xs = [27, 8, 1000, 2, 0.001, -27, 123456.789, 1e300, 7, 10];
console.log(xs.map(Math.cbrt).join(" "));
console.log([0.5, -0.25, 0.9].map(Math.atanh).join(" "), [1, 2, 10].map(Math.asinh).join(" "));
console.log([1, 0.5, 3].map((x) => [Math.sinh(x), Math.cosh(x), Math.tanh(x)].join("/")).join(" "));
console.log([1e-10, 1, 10].map((x) => Math.expm1(x) + "," + Math.log1p(x)).join(" "));
console.log(Math.log2(1024), Math.log10(1e-5), Math.acosh(2), Math.hypot(3, 4, 12));

// Numeric separators in every radix, in fractions and exponents.
console.log(1_000_000, 1_0.5_5, 1e1_0, 0.000_001, 0xFF_FF, 0b1010_1010, 0o7_7, 0B1_1, 0O1_7);
console.log(1_000 + 2_000, (1_5).toString(2), [1_2, 3_4].join("+"));
console.log(Number("1_000"), parseInt("1_000"), parseFloat("1_0.5"));

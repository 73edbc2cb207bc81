// Numbers with a signed exponent after a leading "0." are valid literals.
console.log(0.1e-5, 0.5e+2, 0.25E-1, 0e0, 0.0e+0, 1.5e-3, 0.5e2, 0e-0);
console.log(0x1e, 0b101, 0o17, 0.5 + 0.25e+1);

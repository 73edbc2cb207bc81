let a = 0, b = 0;
for (let i = 0, j = 10; i < j; i += 4, j -= 4) { a += i; b += j; }
console.log(a, b, (1, 2, 3));

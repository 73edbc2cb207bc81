const fib = n => n < 2 ? n : fib(n - 1) + fib(n - 2);
console.log([0, 1, 2, 3, 10].map(fib).join(" "));

const curry = a => b => c => a + b * c;
console.log(curry(1)(2)(3));
const compose = (f, g) => x => f(g(x));
console.log(compose(x => x + 1, x => x * 10)(4));

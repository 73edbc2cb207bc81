// flatMap flattens one level of what the callback returns, the way
// Object.entries(opts).flatMap(...) builds argument lists.
const opts = { '--port': 8080, '--host': 'localhost' };
console.log(Object.entries(opts).flatMap((e) => [e[0], String(e[1])]));
console.log([1, 2].flatMap((x) => [[x, x * 2]]));
console.log([1, [2], [[3]]].flatMap((x) => x));
console.log(['a b', 'c'].flatMap((s) => s.split(' ')));
console.log([1, 2, 3].flatMap((x) => (x % 2 ? [] : x)));
console.log([1, , 3].flatMap((x) => [x]));

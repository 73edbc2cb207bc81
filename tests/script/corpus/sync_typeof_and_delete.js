let o = { a: 1, b: 2 };
delete o.a;
console.log(typeof o.a, Object.keys(o).join(), typeof undeclaredThing);

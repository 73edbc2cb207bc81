const mk = () => ({ a: 1 }).a;
({ b: 2 }).b;
console.log(mk());

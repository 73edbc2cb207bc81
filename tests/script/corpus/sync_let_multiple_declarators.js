let a = 1, b = a + 1, c;
console.log(a, b, c);
{ let a = 10, b = a * 2; console.log(a, b); }
console.log(a, b);

{ let a = 1; console.log(a); }
{ let a = 2; console.log(a); }
{ const a = 3; console.log(a); }
console.log(typeof a);

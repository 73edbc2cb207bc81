/* block comment with ` backtick and ${x} */
const f = (a /* a */, b) /* before arrow */ => // trailing
  a + b; // after
// const g = () => 1;
console.log(f(1, 2)); /* end */

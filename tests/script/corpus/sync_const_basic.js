const PI = 3.14159;
const list = [1, 2];
list.push(3);
console.log(PI, list.length);

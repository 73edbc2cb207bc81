const café = "coffee";
const 名前 = "name";
console.log(café, 名前);

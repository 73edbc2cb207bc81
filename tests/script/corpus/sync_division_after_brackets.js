const arr = [8];
const o = { v: 4 };
console.log(arr[0] / 2, o.v / 2, (arr[0]) / 4, 1 / 2 / 4);

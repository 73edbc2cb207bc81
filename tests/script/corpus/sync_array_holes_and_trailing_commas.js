const a = [1, , 3,];
const o = { x: 1, y: 2, };
console.log(a.length, 1 in a, Object.keys(o).length);

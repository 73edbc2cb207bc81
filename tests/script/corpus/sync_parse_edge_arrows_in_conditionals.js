const pick = (flag) => flag ? () => "yes" : () => "no";
console.log(pick(true)(), pick(false)());
const fns = [x => x, (x, y) => x + y, () => {}];
console.log(fns.length, typeof fns[2](), fns[1](2, 3));

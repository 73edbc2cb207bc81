let a = 1
const f = x => x + a
a = 2
console.log(f(1))
let t = `tpl`
console.log(t)

const x = 5
const y = x * 2
let s = `v=${y}`
console.log(s)
const fn = () => "ok"
console.log(fn())

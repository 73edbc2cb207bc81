var a = function (x) { return x + 1; }
var b = a
(1)
console.log(b)
var c = [1, 2]
[0]
console.log(c)

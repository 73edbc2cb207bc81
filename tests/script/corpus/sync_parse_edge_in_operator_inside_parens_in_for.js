const o = { a: 1 };
for (var i = ("a" in o ? 1 : 0), k = [("b" in o)]; i < 2; i++) console.log(i, k[0]);
for (let j = (() => "a" in o)() ? 0 : 9; j < 1; j++) console.log("j", j);

function f(a = b, b = 2) { return a; }
try { f(); } catch (e) { console.log(e.constructor.name); }
console.log(f(1), ((x, y = x) => y)(5));
function g(x = x) {} try { g(); } catch (e) { console.log(e.constructor.name); }
function h({ a } = {}, b = a) { return b; } console.log(h({ a: 3 }));

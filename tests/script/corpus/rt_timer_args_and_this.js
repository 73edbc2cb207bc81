// Extra arguments reach the callback; the handle can be cleared by value.
setTimeout((a, b, c) => console.log('args:', a, b, c), 1, 'x', 2, [3]);
setInterval(function (label) { console.log('interval', label); clearInterval(this); }, 1, 'once');
const t = setTimeout(() => console.log('should not run'), 5);
clearTimeout(t);
clearTimeout(undefined);
clearTimeout(null);
clearTimeout(12345);
setTimeout(() => console.log('typeof handle', typeof t, typeof t.ref, t.hasRef()), 10);

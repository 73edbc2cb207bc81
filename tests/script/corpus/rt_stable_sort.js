// Array.prototype.sort is stable (ES2019), with undefined last and holes removed.
const items = [];
for (let i = 0; i < 30; i++) items.push({ key: i % 4, i });
items.sort((a, b) => a.key - b.key);
console.log(items.map((x) => `${x.key}:${x.i}`).join(' '));
console.log([3, undefined, 1, , 2].sort());
console.log(['b', 'a', 'C', 'B'].sort(), [10, 9, 1, 100].sort(), [10, 9, 1, 100].sort((a, b) => a - b));

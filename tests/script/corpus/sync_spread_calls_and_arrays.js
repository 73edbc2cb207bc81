// Spread in calls, new and array literals, over arrays, strings, Set, Map,
// arguments and a hand-written iterable.
const nums = [3, 1, 4, 1, 5];
console.log(Math.max(...nums), Math.min(...nums, 0), [...nums].sort());
console.log([..."héllo"], [...new Set(nums)], [...new Map([["a", 1], ["b", 2]])]);
console.log([0, ...nums, 9], [...[], ...[1]], [1, , ...[2]].length);
const range = { [Symbol.iterator]() { let i = 0; return { next: () => ({ done: i >= 3, value: i++ }) }; } };
console.log([...range], Math.max(...range));
function f(a, b, c) { return [a, b, c, this === o]; }
const o = { f, g(...xs) { return this.tag + xs.join(","); }, tag: "g:" };
console.log(f(...[1, 2]), o.f(...[1, 2, 3]), o["g"](...nums), o.g(1, ...[2], 3));
class_of(...[1]);
function class_of(x) { console.log("called", x); }
function Point(x, y) { this.x = x; this.y = y; }
const p = new Point(...[4, 5]);
console.log(p.x, p.y, p instanceof Point, new Date(...[2020, 5, 15]).getMonth());
(function () { console.log([...arguments], Math.max(...arguments)); })(7, 8);
try { [...{}]; } catch (e) { console.log(e.constructor.name, e.message); }
try { f(...5); } catch (e) { console.log(e.constructor.name); }
const copy = [...nums]; copy.push(0); console.log(nums.length, copy.length);

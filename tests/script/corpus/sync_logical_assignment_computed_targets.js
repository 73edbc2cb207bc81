const counts = {};
for (const k of ["a", "b", "a", "c", "a"]) { counts[k] ??= 0; counts[k]++; }
console.log(JSON.stringify(counts));
const groups = {};
const key = (x) => (x % 2 ? "odd" : "even");
for (const n of [1, 2, 3, 4, 5]) (groups[key(n)] ??= []).push(n);
console.log(JSON.stringify(groups));
let i = 0; const arr = [null, 5];
arr[i++] ||= "set";
console.log(arr, i);
const cfg = { opts: { debug: false } };
const get = () => cfg.opts;
get().debug ||= true; get()["level"] &&= 3; get().name ??= "x";
console.log(JSON.stringify(cfg));

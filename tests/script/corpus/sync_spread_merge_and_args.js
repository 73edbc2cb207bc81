const defaults = { restart: "always", env: { LANG: "C" }, args: ["--quiet"] };
const override = { env: { TZ: "UTC" }, args: ["--port", "80"], user: "www" };
const merged = { ...defaults, ...override, env: { ...defaults.env, ...override.env }, args: [...defaults.args, ...override.args] };
console.log(JSON.stringify(merged));
const maxOf = (...nums) => Math.max(...nums, 0);
console.log(maxOf(3, 9, 2), maxOf(), maxOf(...[-1, -5]));
const chars = [..."héllo"];
console.log(chars.length, chars.join("-"));
console.log([...new Map([["a", 1]]).entries()].flat().join(""), [...new Set("mississippi")].join(""));
const { restart, ...others } = merged;
console.log(restart, Object.keys(others).join(","));
const arr = [1, 2]; const copy = [...arr, ...arr.map((x) => x * 2), ..."ab"];
console.log(JSON.stringify(copy), JSON.stringify({ ..."hi", ...[9], ...null, ...undefined, ...5 }));
function f(a, b, c) { return `${a}|${b}|${c}`; }
console.log(f(..."xy"), f(...[1], ...[2, 3, 4]), new Date(...[Date.UTC(2020, 1, 2)]).toISOString());

// The library from core-js: URL, URLSearchParams, structuredClone, matchAll
// and the Math functions Duktape lacked.
const u = new URL("https://user:pw@example.com:8443/api/../v1/items?limit=10&tag=a&tag=b#top");
console.log(u.protocol, u.host, u.hostname, u.port, u.pathname, u.search, u.hash);
console.log(u.username, u.password, u.origin, u.href);
console.log(u.searchParams.get("limit"), u.searchParams.getAll("tag"), u.searchParams.has("x"));
u.searchParams.append("q", "a b&c");
u.pathname = "/v2";
console.log(u.toString(), String(new URL("../up?x=1", "http://h/a/b/c")));
const p = new URLSearchParams({ name: "runy", mode: "dev" });
p.set("mode", "prod");
p.sort();
console.log(p.toString(), [...p.keys()], [...p.entries()].length);
try { new URL("not a url"); } catch (e) { console.log(e.constructor.name); }
const original = { n: 1, list: [1, { deep: true }], when: new Date(0), map: new Map([["k", new Set([1])]]) };
const clone = structuredClone(original);
console.log(clone.list[1].deep, clone.list[1] !== original.list[1], clone.when instanceof Date,
  clone.when.getTime(), clone.map.get("k").has(1), clone.map !== original.map);
try { structuredClone({ f() {} }); } catch (e) { console.log(e.name); }
console.log([..."a1b22c333".matchAll(/(\d+)/g)].map((m) => m[1] + "@" + m.index));
console.log(Math.sinh(0), Math.tanh(0), Math.expm1(0), Math.fround(5.5), Math.log1p(0), Math.acosh(1));
console.log([1, 2, 3].at(-1), "abc".at(-1), [1, 2, 3, 4].findLast((x) => x % 2), [1, 2, 3].findLastIndex((x) => x > 5));
console.log(Object.fromEntries([["a", 1], ["b", 2]]), "x".padStart(3, "-"), [[1, [2]], 3].flat(Infinity));

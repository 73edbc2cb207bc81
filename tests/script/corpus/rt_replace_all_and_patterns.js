// replaceAll with an empty search, with $ patterns and with a function.
console.log("abc".replaceAll("", "_"), "".replaceAll("", "x"), "aaa".replaceAll("aa", "b"));
console.log("a-b-c".replaceAll("-", "[$&]"), "a-b-c".replaceAll("-", "$$"), "a-b".replaceAll("-", "$`|$'"));
console.log("a.b.c".replaceAll(".", (m, i, s) => `${m}${i}${s.length}`));
console.log("abc".replace("b", "[$&]"), "abc".replace(/b/, "[$&]"), "x".replaceAll("x", "$1$<n>"));
console.log("a+b".replaceAll("+", "$&$&"), "ab".replaceAll("", (m, i) => i));
try { "a".replaceAll(/a/, "b"); } catch (e) { console.log(e.constructor.name); }
console.log("aXbX".replaceAll(/x/gi, "-"));

const original = {
  name: "svc", when: new Date(Date.UTC(2024, 4, 1)), tags: new Set(["a", "b"]),
  limits: new Map([["cpu", 2]]), nested: { list: [1, { deep: true }] },
};
original.self = original;
const copy = structuredClone(original);
console.log(copy !== original, copy.self === copy, copy.nested !== original.nested);
console.log(copy.when instanceof Date, copy.when.toISOString());
console.log([...copy.tags].join(","), copy.limits.get("cpu"), copy.nested.list[1].deep);
copy.nested.list.push(3);
console.log(original.nested.list.length, copy.nested.list.length);
try { structuredClone({ f() {} }); } catch (e) { console.log(e.name); }
console.log(JSON.stringify(structuredClone([1, "two", null, [3]])));

const store = {};
const audit = [];
for (const key of ["host", "port"]) {
  let value;
  Object.defineProperty(store, key, {
    get() { audit.push(`get ${key}`); return value; },
    set(v) { audit.push(`set ${key}=${v}`); value = v; },
    enumerable: true,
  });
}
store.host = "localhost";
store.port = store.port ?? 80;
console.log(`${store.host}:${store.port}`);
console.log(audit.join(", "));
console.log(Object.keys(store).join(","), JSON.stringify(store));
const frozen = Object.freeze({ a: 1 });
console.log(Object.isFrozen(frozen), Reflect.set(frozen, "a", 2), frozen.a);

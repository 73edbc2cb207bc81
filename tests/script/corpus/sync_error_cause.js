const e = new Error("outer", { cause: new TypeError("inner") });
console.log(e.message, e.cause instanceof TypeError, e.cause.message, Object.keys(e), Error.length, TypeError.length);
const r = RangeError("r", { cause: 0 });
console.log(r.cause, "cause" in new Error("x"), "cause" in new Error("x", {}), new Error("y", { cause: undefined }).hasOwnProperty("cause"));
console.log(Object.getOwnPropertyDescriptor(e, "cause").enumerable, new Error().message === "", new Error(undefined, 5).message);
function f() { return new Error("blame", { cause: 1 }); }
console.log(f().stack.split("\n")[1].trim().startsWith("at f"));

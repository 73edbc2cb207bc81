const value = await Promise.resolve("top");
console.log("top-level", value);
function hoisted() { return "hoisted works"; }
console.log(hoisted());

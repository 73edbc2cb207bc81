const prefix = "unit";
let i = 0;
const obj = {
  [`${prefix}_${++i}`]: "a",
  [`${prefix}_${++i}`]: "b",
  [prefix + "Count"]: i,
  [Symbol.for("meta")]: "hidden",
  [1 + 1]: "two",
  get [`${prefix}Name`]() { return prefix.toUpperCase(); },
  [`make${"Thing"}`](x) { return { [x]: true }; },
};
console.log(JSON.stringify(obj));
console.log(obj.unitName, JSON.stringify(obj.makeThing("ok")), obj[Symbol.for("meta")]);
console.log(Object.keys(obj).join(","));
const fields = ["host", "port"];
const row = ["localhost", 80];
console.log(JSON.stringify(Object.fromEntries(fields.map((f, j) => [f, row[j]]))));
const key = "dyn";
class K { static [key + "Static"] = 1; [key]() { return "method"; } }
console.log(K.dynStatic, new K().dyn());

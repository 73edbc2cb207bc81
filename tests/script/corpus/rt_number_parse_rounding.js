// Decimal strings are rounded correctly wherever they are read: literals,
// Number(), parseFloat, parseInt and JSON.parse.
const texts = ["1e23", "8.41e21", "5e-324", "2.2250738585072011e-308",
  "1.7976931348623157e308", "9007199254740993", "0.1", "123456789012345678901234567890",
  "4.35", "1e-7", "2.5e-5", "3.0000000000000004", "  8.41e21  ", "-1e23"];
texts.forEach((t) => {
  console.log(t.trim(), Number(t), parseFloat(t), JSON.parse(t.trim()));
});
console.log(1e23, 8.41e21, -1e23, 9007199254740993, 2.2250738585072011e-308);
console.log(1e23 === 99999999999999991611392, 8.41e21 === Number("8.41e21"));
console.log(parseInt("123456789012345678901234567890"), parseInt("1e23"));
console.log(parseFloat("8.41e21abc"), parseFloat(".5e1x"), Number("0x10"), Number("Infinity"));
console.log(JSON.parse('{"a": 1e23, "b": [8.41e21, 5e-324]}'));
console.log([1e23, 8.41e21].map(String), (1e23).toString(), (8.41e21).toFixed(0));

var out = [];
{
  out.push("block");
}
/x/.test("x") && out.push("regex after block");
var o = {} / 1;
out.push(String(o));
if (out.length) out.push("if"); else /y/.test("y");
console.log(out.join("|"));

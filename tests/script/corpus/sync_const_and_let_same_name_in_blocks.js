function f() {
  const out = [];
  if (true) { const v = "a"; out.push(v); }
  if (true) { let v = "b"; out.push(v); }
  var v = "c";
  out.push(v);
  return out.join("");
}
console.log(f());

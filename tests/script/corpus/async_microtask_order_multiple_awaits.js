async function x() {
  console.log("x1"); await null; console.log("x2"); await null; console.log("x3");
}
async function y() {
  console.log("y1"); await null; console.log("y2"); await null; console.log("y3");
}
x(); y();
console.log("sync");

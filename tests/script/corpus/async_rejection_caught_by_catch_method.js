async function boom() {
  throw new TypeError("bad type");
}
boom().catch(e => console.log(e.name, e.message));
console.log("after call");

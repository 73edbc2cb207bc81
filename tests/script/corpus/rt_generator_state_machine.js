function* trafficLight() {
  while (true) {
    yield "green";
    yield "yellow";
    yield "red";
  }
}
const light = trafficLight();
const seen = [];
for (let i = 0; i < 7; i++) seen.push(light.next().value);
console.log(seen.join(" -> "));
function* idGen(prefix) { let i = 0; for (;;) yield `${prefix}-${++i}`; }
const ids = idGen("svc");
console.log(ids.next().value, ids.next().value);

function* resource() {
  console.log("open");
  try {
    yield 1;
    yield 2;
  } finally {
    console.log("close");
  }
}
for (const x of resource()) { console.log(x); break; }
const r = resource();
r.next();
console.log(JSON.stringify(r.return("early")), JSON.stringify(r.next()));

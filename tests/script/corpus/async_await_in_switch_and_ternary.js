async function kind(v) {
  switch (await Promise.resolve(v)) {
    case 1: return "one";
    default: return (await Promise.resolve(v > 1)) ? "many" : "none";
  }
}
Promise.all([kind(1), kind(5), kind(0)]).then(r => console.log(r.join(" ")));

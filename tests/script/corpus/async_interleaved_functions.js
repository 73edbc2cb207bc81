async function worker(name, steps) {
  for (let i = 0; i < steps; i++) {
    console.log(name, i);
    await null;
  }
}
worker("A", 3);
worker("B", 2);

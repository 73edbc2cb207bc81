async function count() {
  await null;
  return arguments.length;
}
count(1, 2, 3).then(n => console.log("args", n));

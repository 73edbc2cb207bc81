async function f() {
  try {
    return await Promise.resolve("try");
  } finally {
    console.log("cleanup");
  }
}
f().then(v => console.log(v));

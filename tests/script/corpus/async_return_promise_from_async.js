async function f() {
  return new Promise(r => setTimeout(() => r("inner promise"), 5));
}
f().then(v => console.log(v));

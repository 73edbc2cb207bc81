function f(s) {
  return /^\d+$/.test(s);
}
console.log(f("123"), typeof /x/, void /y/ === undefined);
const arr = [/a/, /b/i];
console.log(arr.length, arr[1].ignoreCase);

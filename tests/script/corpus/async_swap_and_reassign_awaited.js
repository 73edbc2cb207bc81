const val = (v, ms) => new Promise((r) => setTimeout(() => r(v), ms));
(async () => {
  let a = "left", b = "right";
  [a, b] = [await val(b, 3), await val(a, 1)];
  console.log(a, b);
  const state = { x: 0, list: [] };
  ({ x: state.x, y: state.list[0] = "dflt" } = await val({ x: 5 }, 1));
  console.log(state.x, state.list[0]);
  let head, tail;
  [head, ...tail] = await val("abcd", 1);
  console.log(head, tail.join(""));
  let counter = 1;
  counter += await val(10, 1);
  counter *= await val(3, 1);
  console.log("counter", counter);
})();

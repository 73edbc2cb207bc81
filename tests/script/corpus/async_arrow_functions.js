const double = async x => x * 2;
const add = async (a, b) => { const s = a + b; return s; };
(async () => {
  console.log(await double(21), await add(1, 2));
})();

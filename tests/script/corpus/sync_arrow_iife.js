const r = (() => {
  const hidden = 3;
  return hidden * 2;
})();
console.log(r);
;(x => console.log("iife", x))(9)

const outer = "o";
const f = () => {
  const outer = "shadow";
  { let outer = "inner"; console.log(outer); }
  return outer;
};
console.log(f(), outer);

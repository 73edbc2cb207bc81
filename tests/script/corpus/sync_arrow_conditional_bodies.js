const pick = flag => flag ? (x => x + 1) : (x => x - 1);
console.log(pick(true)(10), pick(false)(10));

const handlers = {
  double: x => x * 2,
  square: (x) => { return x * x; },
};
console.log(handlers.double(4), handlers.square(4));

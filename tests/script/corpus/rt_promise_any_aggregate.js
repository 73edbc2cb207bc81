// Promise.any: first fulfillment wins; all rejected gives an AggregateError.
Promise.any([Promise.reject(new Error('a')), Promise.resolve('b'), Promise.resolve('c')])
  .then((v) => console.log('any fulfilled:', v));
Promise.any([Promise.reject(new Error('x')), Promise.reject(new Error('y'))]).catch((e) => {
  console.log(e instanceof AggregateError, e instanceof Error, e.name);
  console.log(e.message);
  console.log(e.errors.map((x) => x.message));
});
Promise.any([]).catch((e) => console.log('empty any:', e.name, e.errors.length));
const agg = new AggregateError([1, 2], 'custom');
console.log(agg.message, agg.errors, Object.keys(agg).length);

// Nested values print like node: depth 2, grouping, quotes and line breaking.
const config = {
  name: 'web-server',
  cmd: 'python3',
  args: ['-m', 'http.server', '8500'],
  restart: { kind: 'exponential', initialDelay: 1000, maxDelay: 30000, multiplier: 2.0, maxRestarts: 10 },
  watch: ['*.py', 'config/**/*.json'],
  env: { PORT: '8500', nested: { deeper: { deepest: true } } },
};
console.log(config);
console.log([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]);
console.log(['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta']);
console.log({ quote: "it's", both: `'"`, nl: 'a\nb', key_ok: 1, 'not-ok': 2 });
const self = { name: 'loop' };
self.me = self;
console.log(self);
console.log([[1, [2, [3, [4]]]], { a: { b: { c: { d: 1 } } } }]);
console.log(new Error('message only').message, [undefined, null, -0, NaN]);

const o = { if: 1, for: 2, default: 3, function: 4, this: 5, null: 6, true: 7, in: 8 };
console.log(o.if + o.for + o.default + o.function + o.this + o.null + o.true + o.in);

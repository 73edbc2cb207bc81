const o = { default: 1, new() { return "new"; }, class: "c", get() { return "get"; }, set: 5, async: 6 };
console.log(o.default, o.new(), o.class, o.get(), o.set, o.async);

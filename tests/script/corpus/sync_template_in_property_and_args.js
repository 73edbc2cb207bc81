const key = "k";
const o = { label: `L-${key}`, f(x) { return `f(${x})`; } };
console.log(o.label, o.f(`arg`));

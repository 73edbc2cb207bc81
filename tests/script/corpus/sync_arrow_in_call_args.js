const xs = [5, 3, 9, 1];
xs.sort((a, b) => a - b);
console.log(xs.join(" "), xs.filter(x => x > 2).length, xs.reduce((s, x) => s + x, 0));

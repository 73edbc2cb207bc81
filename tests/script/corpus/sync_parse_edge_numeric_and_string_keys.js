const o = { 1: "one", 0b10: "two", 0o3: "three", "four": 4, 'five': 5, 1.5: "x" };
console.log(o[1], o[2], o[3], o.four, o.five, o["1.5"]);

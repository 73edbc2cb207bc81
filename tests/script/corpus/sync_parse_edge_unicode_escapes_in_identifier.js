var \u0061bc = "escaped identifier";
console.log(abc);

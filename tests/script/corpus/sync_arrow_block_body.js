const classify = (n) => {
  if (n < 0) {
    return "negative";
  }
  return n === 0 ? "zero" : "positive";
};
console.log([-2, 0, 5].map(classify).join(","));

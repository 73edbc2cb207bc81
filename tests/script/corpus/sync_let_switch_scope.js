function describe(n) {
  switch (n) {
    case 1: {
      let label = "one";
      return label;
    }
    case 2: {
      let label = "two";
      return label;
    }
    default:
      let other = "many";
      return other;
  }
}
console.log(describe(1), describe(2), describe(3));

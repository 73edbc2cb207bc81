const add = (a, b) => a + b;
const sq = x => x * x;
const none = () => 42;
console.log(add(2, 3), sq(7), none());

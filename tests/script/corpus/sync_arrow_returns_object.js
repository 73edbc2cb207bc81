const mk = (k, v) => ({ key: k, value: v });
const empty = () => ({});
console.log(JSON.stringify(mk("a", 1)), JSON.stringify(empty()));

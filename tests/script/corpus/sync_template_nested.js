const items = ["a", "b"];
const s = `list: ${items.map(i => `<${i}>`).join(`${","}`)} end`;
console.log(s);
console.log(`outer ${`inner ${`deepest ${1 + 1}`}`}`);

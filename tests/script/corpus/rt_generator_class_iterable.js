class Matrix {
  constructor(rows) { this.rows = rows; }
  *cells() { for (const [r, row] of this.rows.entries()) for (const [c, v] of row.entries()) yield { r, c, v }; }
  *[Symbol.iterator]() { for (const { v } of this.cells()) yield v; }
}
const m = new Matrix([[1, 2], [3, 4]]);
console.log([...m], Math.max(...m));
for (const { r, c, v } of m.cells()) if (v % 2 === 0) console.log(r, c, v);

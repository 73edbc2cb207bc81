const registry = {
  units: { web: 80, db: 5432, cache: 6379 },
  *[Symbol.iterator]() { for (const [k, v] of Object.entries(this.units)) yield { k, v }; },
  *ports() { yield* Object.values(this.units); },
};
console.log([...registry].map(({ k, v }) => `${k}:${v}`).join(" "));
console.log(Math.max(...registry.ports()), new Set(registry.ports()).size);
class Matrix {
  constructor(rows) { this.rows = rows; }
  *cells() { for (const [r, row] of this.rows.entries()) for (const [c, v] of row.entries()) yield [r, c, v]; }
  static *identity(n) { for (let i = 0; i < n; i++) yield Array.from({ length: n }, (_, j) => +(i === j)); }
}
console.log([...new Matrix([[1, 2], [3, 4]]).cells()].map((x) => x.join("")).join(","));
console.log(JSON.stringify([...Matrix.identity(3)]));
const gen = registry.ports();
console.log(typeof gen.next, gen[Symbol.iterator]() === gen, Object.prototype.toString.call(gen));

const grid = [[1, 2, 3], [4, 50, 6], [7, 8, 90]];
let found = null;
outer: for (let r = 0; r < grid.length; r++) {
  for (let c = 0; c < grid[r].length; c++) {
    if (grid[r][c] > 10) { found = [r, c]; break outer; }
  }
}
console.log(found);
const out = [];
rows: for (const row of grid) {
  for (const v of row) {
    if (v % 2 === 0) continue rows;
    out.push(v);
  }
}
console.log(out.join(","));
let n = 0;
block: { n++; if (n) break block; n = 100; }
console.log(n);
let count = 0;
loop: while (true) { do { count++; if (count > 4) break loop; } while (count % 2); }
console.log(count);

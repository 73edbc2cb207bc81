class Point {
  constructor(x, y) { this.x = x; this.y = y; }
  norm() { return Math.sqrt(this.x * this.x + this.y * this.y); }
  toString() { return `(${this.x}, ${this.y})`; }
}
const p = new Point(3, 4);
console.log(p.norm(), String(p), p instanceof Point, typeof Point);
console.log(Object.keys(p), Object.getOwnPropertyNames(Point.prototype));

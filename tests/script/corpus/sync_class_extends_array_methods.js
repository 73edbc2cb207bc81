class Stack extends Array {
  peek() { return this.at(-1); }
  get depth() { return this.length; }
  drain() { const out = []; while (this.length) out.push(this.pop()); return out; }
}
const s = new Stack();
s.push(1, 2, 3);
console.log(s.peek(), s.depth, Array.isArray(s), s instanceof Stack);
console.log(JSON.stringify(s), s.includes(2), s.indexOf(3));
console.log(Stack.from([4, 5]).peek(), Stack.of(7, 8, 9).depth);
console.log(s.drain().join(","), s.depth);

const q = `"double" and 'single'`;
console.log(q, q.length);

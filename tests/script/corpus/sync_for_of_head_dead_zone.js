let x = [1];
try { for (let x of x) console.log(x); } catch (e) { console.log(e.constructor.name); }
for (const y of x) console.log(y);

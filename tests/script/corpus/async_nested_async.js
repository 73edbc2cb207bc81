async function level3() { await null; return 3; }
async function level2() { return (await level3()) + 2; }
async function level1() { return (await level2()) + 1; }
level1().then(v => console.log("nested", v));

const re = /[a/b]+\/c/;
console.log(re.test("a/b/c"), "x".replace(/x/g, "$&$&"));

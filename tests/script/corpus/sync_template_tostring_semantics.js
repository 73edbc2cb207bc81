const obj = { toString() { return "TS"; }, valueOf() { return 42; } };
console.log(`${obj}`, "" + obj, `${null} ${undefined} ${true} ${[1, 2]} ${{}}`);

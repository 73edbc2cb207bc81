const t = setTimeout(() => console.log("should not fire"), 10);
clearTimeout(t);
setTimeout(() => console.log("fired"), 20);

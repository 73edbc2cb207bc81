const name = "svc";
const text = `first line
second ${name}
third`;
console.log(text);
console.log(text.split("\n").length);

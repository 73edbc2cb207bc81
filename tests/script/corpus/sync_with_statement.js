var o = { p: 5 };
with (o) { console.log(p); }

const urls = ["postgres://admin:s3cret@db.internal:5432/prod?sslmode=require&pool=10", "redis://cache:6379/0", "http://[::1]:8080/health"];
for (const raw of urls) {
  const u = new URL(raw);
  console.log(u.protocol.slice(0, -1), u.hostname, u.port || "-", u.pathname, u.username || "-", decodeURIComponent(u.password) || "-");
}
const pg = new URL(urls[0]);
console.log(JSON.stringify(Object.fromEntries(pg.searchParams)));
pg.password = "";
pg.searchParams.set("pool", String(Number(pg.searchParams.get("pool")) * 2));
console.log(pg.toString());
const qs = new URLSearchParams("a=1&b=2&a=3&c=%20x+y");
console.log(qs.getAll("a").join(","), JSON.stringify(qs.get("c")), [...qs].length);
console.log(encodeURIComponent("a b&c/d"), encodeURI("http://x/a b?q=1&r=é"), decodeURIComponent("%E2%9C%93"));

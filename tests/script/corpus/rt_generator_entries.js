function* entries(obj) { for (const key of Object.keys(obj)) yield [key, obj[key]]; }
const env = { PORT: "8080", HOST: "localhost" };
for (const [k, v] of entries(env)) console.log(`${k}=${v}`);
console.log(new Map(entries(env)).get("PORT"), Object.fromEntries(entries(env)));

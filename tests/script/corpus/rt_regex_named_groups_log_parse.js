const line = "2024-03-05T10:20:30Z [web.1] level=warn msg=\"disk 91% full\"";
const m = line.match(/^(?<date>\d{4}-\d{2}-\d{2})T(?<time>[\d:]+)Z \[(?<unit>\w+)\.(?<inst>\d+)\] level=(?<level>\w+)/);
const { date, unit, inst, level } = m.groups;
console.log(date, unit, Number(inst), level);
console.log(JSON.stringify(m.groups));
console.log("2024-03-05".replace(/(?<y>\d+)-(?<m>\d+)-(?<d>\d+)/, "$<d>.$<m>.$<y>"));
const kv = [...'a=1 b="two words" c=3'.matchAll(/(?<k>\w+)=(?:"(?<q>[^"]*)"|(?<v>\S+))/g)].map(({ groups: { k, q, v } }) => [k, q ?? v]);
console.log(JSON.stringify(Object.fromEntries(kv)));
console.log("x-y".replace(/(?<a>\w)-(?<b>\w)/, (...args) => { const g = args.at(-1); return `${g.b}-${g.a}`; }));

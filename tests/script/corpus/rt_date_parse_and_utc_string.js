// Dates in the forms node reads beyond ISO 8601, and toUTCString.
const utc = [
  "Tue, 01 Dec 2026 10:00:00 GMT",
  "Tue, 1 Dec 2026 10:00:00 +0100",
  "1 Dec 2026 10:00 -0500",
  "Tue Dec 01 2026 10:00:00 GMT+0100 (Central European Standard Time)",
  "Dec 1, 2026 10:30:15 UTC",
  "December 1, 2026 10:30:00 GMT",
  "Thu, 01 Jan 1970 00:00:00 GMT",
  "Dec 1 2026 10:00:00 PST",
  "2026-12-01T10:00:00Z",
  "2026-12-01T10:00:00.123+02:00",
  "Dec 1, 2026 1:05 PM GMT",
  "not a date",
  "Dec 45, 2026",
];
utc.forEach((s) => console.log(JSON.stringify(s), Date.parse(s)));
// Without a zone: local time, whatever the zone is.
const local = [["Dec 1, 2026", [2026, 11, 1]], ["12/01/2026", [2026, 11, 1]],
  ["2026/12/01 10:30", [2026, 11, 1, 10, 30]], ["December 1, 2026 10:30:00", [2026, 11, 1, 10, 30]]];
local.forEach((entry) => {
  const p = entry[1];
  const expected = new Date(p[0], p[1], p[2], p[3] || 0, p[4] || 0).getTime();
  console.log(JSON.stringify(entry[0]), Date.parse(entry[0]) === expected);
});
console.log(new Date(0).toUTCString(), new Date(1796119200000).toUTCString());
console.log(new Date("Tue, 01 Dec 2026 10:00:00 GMT").toISOString());
console.log(new Date(NaN).toUTCString(), Date.prototype.toGMTString === Date.prototype.toUTCString);
console.log(new Date(Date.UTC(-1, 0, 1)).toUTCString(), new Date(Date.UTC(12345, 5, 6)).toUTCString());
console.log(Date.parse(new Date(1796119200000).toUTCString()) === 1796119200000);
console.log(Date.parse(new Date(1796119200000).toString()) === 1796119200000);

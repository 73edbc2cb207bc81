const readLines = async () => { await null; return ["web:8080 up", "db:5432 down", "bad line", "cache:6379 up"]; };
(async () => {
  const re = /^(?<name>\w+):(?<port>\d+) (?<state>up|down)$/;
  const parsed = [];
  for (const line of await readLines()) {
    const { groups: { name, port, state } = {} } = re.exec(line) ?? {};
    if (name) parsed.push(`${name}=${Number(port) + 1}/${state}`);
  }
  console.log(parsed.join(" "));
  const text = (await readLines()).join("\n");
  const block = /web.*cache/s.test(text);
  const renamed = text.replace(/(?<svc>\w+):(?<p>\d+)/g, "$<p>@$<svc>");
  console.log(block, renamed.split("\n")[1]);
})();

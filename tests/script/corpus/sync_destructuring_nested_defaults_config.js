const config = { server: { host: "localhost", ports: [8080, 8443] }, log: { level: "info" } };
const {
  server: { host, ports: [http, https = 443, extra = "none"], tls = false },
  log: { level = "warn", file = "/var/log/app.log" } = {},
  retries = 3,
  ...rest
} = { ...config, name: "app", version: 2 };
console.log(host, http, https, extra, tls);
console.log(level, file, retries);
console.log(JSON.stringify(rest));
const [first, , third = "d3", ...others] = "abcdef".split("");
console.log(first, third, others.join(""));

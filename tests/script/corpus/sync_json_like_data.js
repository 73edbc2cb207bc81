const config = {
  alias: "web",
  args: ["-m", "http.server"],
  restart: { kind: "exponential", initialDelay: 1000, multiplier: 2.0 },
};
console.log(JSON.stringify(config));

// The complete example of runy's documentation: a Python HTTP server on port
// 8500, restarted with exponential backoff, restarted when Python files or
// JSON files under config/ change.
//
//   runy start web-server      then open http://127.0.0.1:8500/
import { service } from "runy";

const s = service("web-server", { description: "python3 -m http.server on :8500" });

s.run(async (ctx) => {
  await ctx.process({
    alias: "web-server",
    cmd: "python3",
    args: ["-m", "http.server", "8500"],
    restart: {
      kind: "exponential",
      initialDelay: 1000,
      maxDelay: 30000,
      multiplier: 2.0,
      maxRestarts: 10,
    },
    watch: ["*.py", "config/**/*.json"],
  });
});

// The basic example of runy's documentation: one process, alias "server".
//
//   runy start basic       runy logs -f server
import { service } from "runy";

const s = service("basic", { description: "python3 -m http.server on :8501" });

s.run(async (ctx) => {
  await ctx.process({
    alias: "server",
    cmd: "python3",
    args: ["-m", "http.server", "8501"],
  });
});

// Hooks decide in code: a change rebuilds first and restarts only if the
// build passed; an exit that says the disk is full is not restarted.
//
//   runy start hooks
import { service } from "runy";

service("hooks").run(async (ctx) => {
  await ctx.process({
    alias: "hooked-site",
    cmd: "python3",
    args: ["-m", "http.server", "8505", "--bind", "127.0.0.1"],
    restart: { kind: "fixed", delay: 1000, jitter: 0.2 },
    watch: ["*.html"],
    onWatch: async (paths) => {
      const check = await ctx.exec({ cmd: "sh", args: ["-c", "test -s index.html"] });
      ctx.log(`changed: ${paths.join(", ")}; check ${check.code === 0 ? "passed" : "failed"}`);
      return check.code === 0 ? "restart" : "ignore";
    },
    onExit: async ({ code, lastLines }) =>
      lastLines.some((line) => line.includes("No space left"))
        ? { restart: false }
        : { restart: true, delay: code === 0 ? 0 : 2000 },
  });
});

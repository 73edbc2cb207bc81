// ctx.exec runs a one-shot build step (its output goes to the service log)
// before the server starts; a failed build fails the service with its error.
//
//   runy start build-then-serve
import { service } from "runy";

const s = service("build-then-serve", {
  description: "generate a page with ctx.exec, then serve it on :8502",
});

s.run(async (ctx) => {
  const site = `${ctx.dir}/.site`;
  const build = await ctx.exec({
    cmd: "sh",
    args: ["-c", `mkdir -p '${site}' && date > '${site}/index.html' && echo built ${site}`],
  });
  if (build.code !== 0) {
    throw new Error(`build failed with code ${build.code}`);
  }
  ctx.log("build done, starting the server");
  await ctx.process({
    alias: "site",
    cmd: "python3",
    args: ["-m", "http.server", "8502", "--bind", "127.0.0.1"],
    cwd: site,
    restart: { kind: "fixed", delay: 1000 },
  });
});

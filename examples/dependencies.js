// Services that depend on each other: `runy start app` starts the store
// first and waits until it accepts connections, then the app; `runy stop
// store` stops the app first.
//
//   runy start app
//   runy status           # app: waiting for store, while the store starts
import { service } from "runy";

service("store", { description: "a store on :8504" }).run(async (ctx) => {
  await ctx.process({
    alias: "store",
    cmd: "python3",
    args: ["-m", "http.server", "8504", "--bind", "127.0.0.1"],
    restart: { kind: "always" },
    ready: { tcp: "127.0.0.1:8504" },
  });
});

service("app", { dependsOn: ["store"], description: "needs the store" })
  .run(async (ctx) => {
    const app = await ctx.process({
      alias: "app",
      cmd: "sh",
      args: ["-c", "echo app talks to the store; exec sleep 100000"],
      ready: { log: "talks to the store" },
    });
    await app.ready();
    ctx.log("app ready");
  });

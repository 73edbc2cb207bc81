// Readiness and health: the server is `starting` until it answers HTTP,
// the service goes on only once it does, and a server that stops
// answering is restarted under its policy.
//
//   runy start ready-and-health
//   runy why site-ready        # while it starts: what it waits for
import { service } from "runy";

const s = service("ready-and-health", {
  description: "a server on :8503 with a readiness and a health check",
});

s.run(async (ctx) => {
  const site = await ctx.process({
    alias: "site-ready",
    cmd: "python3",
    args: ["-m", "http.server", "8503", "--bind", "127.0.0.1"],
    restart: { kind: "exponential", initialDelay: 500, maxDelay: 10000, multiplier: 2 },
    ready: { http: "http://127.0.0.1:8503/", interval: 100, timeout: 20000 },
    health: { http: "http://127.0.0.1:8503/", interval: 5000, failureThreshold: 3 },
  });
  await site.ready();
  ctx.log(`site is up as pid ${site.pid} (run ${site.run})`);
  // A line the server writes on each request, awaited in code.
  const line = await site.waitForLog(/GET \//);
  ctx.log(`first request: ${line}`);
});

// One process per restart policy. Each child prints a line, then exits with
// code 1 after a moment, so `runy status` and `runy logs -f restart-policies`
// show each policy at work.
//
//   runy start restart-policies
import { service } from "runy";

const crashing = (alias, seconds, restart) => ({
  alias,
  cmd: "sh",
  args: ["-c", `echo "${alias}: up as pid $$"; sleep ${seconds}; exit 1`],
  restart,
});

const s = service("restart-policies", {
  description: "never / always / fixed / exponential, side by side",
});

s.run(async (ctx) => {
  // Runs once: ends "exited" with code 1.
  await ctx.process(crashing("policy-never", 1, { kind: "never" }));
  // Started again at once after every exit.
  await ctx.process(crashing("policy-always", 2, { kind: "always" }));
  // Two seconds between attempts, five attempts, then "failed".
  await ctx.process(
    crashing("policy-fixed", 1, { kind: "fixed", delay: 2000, maxRestarts: 5 }),
  );
  // 1 s, 2 s, 4 s, 8 s ... up to 30 s between attempts, ten attempts.
  await ctx.process(
    crashing("policy-exponential", 1, {
      kind: "exponential",
      initialDelay: 1000,
      maxDelay: 30000,
      multiplier: 2.0,
      maxRestarts: 10,
    }),
  );
});

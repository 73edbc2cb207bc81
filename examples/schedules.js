// Jobs in code on a schedule: a cron job and an interval, while the
// service runs. `runy status` shows the next run.
//
//   runy start schedules
import { service } from "runy";

service("schedules", { description: "a report every 5 minutes" }).run(async (ctx) => {
  ctx.schedule("*/5 * * * *", async () => {
    const r = await ctx.exec({ cmd: "sh", args: ["-c", "df -h / | tail -1"] });
    if (r.code !== 0) ctx.log(`disk report failed with code ${r.code}`);
  });
  let beats = 0;
  ctx.schedule({ every: "30s" }, () => {
    beats += 1;
    if (beats % 10 === 0) ctx.log(`${beats} heartbeats`);
  });
});

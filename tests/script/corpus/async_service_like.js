const ctx = {
  process: async (opts) => {
    await new Promise(r => setTimeout(r, 5));
    console.log("spawned", opts.alias, opts.args.join(" "));
    return { alias: opts.alias };
  },
};
const run = async (ctx) => {
  const h = await ctx.process({
    alias: "web-server",
    cmd: "python3",
    args: ["-m", "http.server", "8500"],
  });
  console.log("handle", h.alias);
};
run(ctx);

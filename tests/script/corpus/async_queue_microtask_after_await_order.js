const out = [];
async function worker(name) {
  out.push(`${name} start`);
  await null;
  queueMicrotask(() => out.push(`${name} micro`));
  out.push(`${name} resumed`);
  await Promise.resolve();
  out.push(`${name} end`);
}
setTimeout(() => { out.push("timeout"); console.log(out.join("\n")); console.log("total", out.length); }, 5);
worker("A");
queueMicrotask(() => out.push("top micro"));
worker("B");
Promise.resolve().then(() => out.push("top then"));
out.push("sync done");

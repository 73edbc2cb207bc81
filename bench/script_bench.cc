// Service-file load time: lower + compile + run the top level of a 300-line
// service file (20 services with helpers, arrows, templates, async run()s),
// through the real ServiceManager. Prints medians of 50 loads.
#include <signal.h>

#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/stats.h"
#include "server/engine/engine.h"
#include "server/logs/log_sink.h"
#include "server/logs/log_store.h"
#include "server/loop/event_loop.h"
#include "server/loop/mailbox.h"
#include "server/script/host/engine_bridge.h"
#include "server/script/lowering/lower.h"
#include "server/script/services/service_manager.h"
#include "tests/testing/temp_dir.h"

namespace runy {
namespace {

std::string ServiceFile() {
  std::string out =
      "import { service } from \"runy\";\n"
      "\n"
      "const port = (n) => 8000 + n;\n"
      "const restartFor = (kind) => kind === \"web\"\n"
      "  ? { kind: \"exponential\", initialDelay: 500, maxDelay: 10000, "
      "multiplier: 2 }\n"
      "  : { kind: \"fixed\", delay: 1000, maxRestarts: 5 };\n";
  for (int i = 0; i < 20; ++i) {
    absl::StrAppend(
        &out, "\n// service ", i, "\n", "const s", i, " = service(`svc-", i,
        "`, { description: `service number ", i, "` });\n", "s", i,
        ".run(async (ctx) => {\n", "  const env = { PORT: String(port(", i,
        ")), NAME: ctx.service };\n", "  if (", i, " % 3 === 0) {\n",
        "    await ctx.exec({ cmd: \"true\", args: [`--step=${", i, "}`] });\n",
        "  }\n", "  await ctx.process({\n", "    alias: `proc-", i, "`,\n",
        "    cmd: \"python3\",\n",
        "    args: [\"-m\", \"http.server\", String(port(", i, "))],\n",
        "    restart: restartFor(", i, " % 2 ? \"web\" : \"worker\"),\n",
        "    env,\n", "  });\n", "});\n");
  }
  return out;
}

}  // namespace
}  // namespace runy

int main() {
  setvbuf(stdout, nullptr, _IOLBF, 0);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGCHLD);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  using namespace runy;
  testing::TempDir dir;
  std::string source = ServiceFile();
  std::string path = dir.WriteFile("services.js", source);
  int lines = 0;
  for (char c : source) lines += c == '\n';

  std::vector<double> lower_ms, heap_ms, load_ms;
  for (int i = 0; i < 50; ++i) {
    absl::Time t0 = absl::Now();
    auto lowered = script::Lower(source, path);
    lower_ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - t0));
    if (!lowered.ok()) {
      std::printf("lowering failed: %s\n",
                  std::string(lowered.status().message()).c_str());
      return 1;
    }
    auto loop = std::move(*loop::EventLoop::Create());
    logs::StoreOptions store_options;
    store_options.write_files = false;
    logs::LogStore store(store_options);
    logs::LogSink sink(&store);
    engine::Engine engine(loop.get(), &sink);
    // Engine and script side on one loop: the bridge's posts stay on it.
    script::EngineBridge bridge(&engine, &sink, nullptr, nullptr,
                                loop::Mailbox::For(loop.get()),
                                loop::Mailbox::For(loop.get()));
    absl::Time t1 = absl::Now();
    auto manager = script::ServiceManager::Create(loop.get(), &bridge, {});
    absl::Time t2 = absl::Now();
    absl::StatusOr<std::vector<std::string>> names;
    (*manager)->AddFile(path, [&](auto result) { names = std::move(result); });
    absl::Time t3 = absl::Now();
    if (!names.ok() || names->size() != 20) {
      std::printf("load failed: %s\n",
                  std::string(names.status().message()).c_str());
      return 1;
    }
    heap_ms.push_back(absl::ToDoubleMilliseconds(t2 - t1));
    load_ms.push_back(absl::ToDoubleMilliseconds(t3 - t2));
  }
  std::printf("service file of %d lines, 20 services, median of 50:\n", lines);
  std::printf("  lower only:                       %.3f ms\n",
              bench::Median(lower_ms));
  std::printf("  lower + compile + run top level:  %.3f ms  (p90 %.3f ms)\n",
              bench::Median(load_ms), bench::Percentile(load_ms, 0.9));
  std::printf("  new heap with prelude (once per daemon): %.3f ms\n",
              bench::Median(heap_ms));
  return 0;
}

// runy events: prints the Events stream, one state change a line.
#include <atomic>
#include <cstdio>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/arguments.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/render.h"
#include "common/mutex.h"

namespace runy::cli {
namespace {

// The call Ctrl-C cancels.
struct EventsCall {
  std::atomic<bool> interrupted{false};
  Mutex mu;
  grpc::ClientContext* context ABSL_GUARDED_BY(mu) = nullptr;
};

}  // namespace

int RunEvents(const GlobalOptions& global,
              const std::vector<std::string>& args) {
  v1::EventsRequest request;
  bool utc = false;
  for (const std::string& a : args) {
    if (IsHelp(a)) {
      std::printf(
          "usage: runy events [--utc] [NAME...]\n\n"
          "Prints state changes of services and processes as they happen, "
          "one a\n"
          "line with its time and reason, until Ctrl-C (--json: one JSON "
          "object a\n"
          "line). NAMEs narrow it to those services and processes.\n"
          "  --utc   times in UTC (default: local time)\n");
      return kExitOk;
    }
    if (a == "--utc") {
      utc = true;
    } else if (absl::StartsWith(a, "-")) {
      return UsageError("events", absl::StrCat("unknown option \"", a, "\""));
    } else {
      request.add_names(a);
    }
  }
  int code = kExitOk;
  std::optional<Client> client = ConnectFor(global, false, &code);
  if (!client) return code;
  static EventsCall call;
  auto context = client->NewContext(absl::InfiniteDuration());
  {
    MutexLock lock(&call.mu);
    call.context = context.get();
  }
  SetInterruptHandler([] {
    call.interrupted = true;
    MutexLock lock(&call.mu);
    if (call.context != nullptr) call.context->TryCancel();
  });
  RenderOptions options;
  options.color = ShouldColor();
  std::unique_ptr<grpc::ClientReader<v1::Event>> reader =
      client->stub()->Events(context.get(), request);
  v1::Event event;
  while (reader->Read(&event)) {
    std::string line =
        global.json ? ToJsonLine(event) : RenderEvent(event, options, utc);
    std::fprintf(stdout, "%s\n", line.c_str());
    std::fflush(stdout);
  }
  grpc::Status status = reader->Finish();
  {
    MutexLock lock(&call.mu);
    call.context = nullptr;
  }
  SetInterruptHandler(nullptr);
  if (call.interrupted) return kExitOk;
  absl::Status converted = client->Convert(status);
  if (status.ok()) {
    // runyd stopped or re-executed itself.
    std::fprintf(stderr, "runy: runyd ended the stream\n");
    return kExitOk;
  }
  return Fail(converted);
}

}  // namespace runy::cli

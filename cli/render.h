// How runy prints responses: tables for people, JSON for programs.
#ifndef RUNY_CLI_RENDER_H_
#define RUNY_CLI_RENDER_H_

#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "runy/v1/runy.pb.h"

namespace runy::cli {

struct RenderOptions {
  bool color = false;
  // The terminal's width: the last column is cut to fit (0: no limit).
  int width = 0;
  absl::Time now = absl::Now();
  // Names were asked for: each service's description and definition too.
  bool details = false;
};

// True when stdout is a terminal and NO_COLOR is unset.
bool ShouldColor();
// The width of the terminal on stdout, 0 when it is not one.
int TerminalWidth();

// The protobuf JSON mapping of `message`, pretty-printed, with a newline.
std::string ToJson(const google::protobuf::Message& message);
// The same on one line, without the newline (one object a line).
std::string ToJsonLine(const google::protobuf::Message& message);

// The status table: services in order, each with its processes under it
// (a service without processes, or a failed one, has a row of its own),
// then processes of no listed service, then file errors.
std::string RenderStatus(const v1::StatusResponse& status,
                         const RenderOptions& options);

// One table for several daemons: a HOST column first.
struct HostStatus {
  std::string host;
  v1::StatusResponse status;
};
std::string RenderStatusOfHosts(const std::vector<HostStatus>& hosts,
                                const RenderOptions& options);

// One event as a line for people: time (local, or UTC with `utc`), what
// changed, its new state and why, e.g.
// "2026-12-03 10:42:07.120  process web (site)  backoff  exited code 1;
// restart in 2s (3/10)".
std::string RenderEvent(const v1::Event& event, const RenderOptions& options,
                        bool utc);

// "running", "backoff", ...: a state's enum name, lower case.
std::string StateName(v1::ProcessState state);
std::string StateName(v1::ServiceState state);
absl::Time FromProto(const google::protobuf::Timestamp& ts);
absl::Duration FromProto(const google::protobuf::Duration& d);

// "3s", "5m12s", "2h03m", "4d07h".
std::string FormatUptime(absl::Duration d);
// "12.3M" style sizes.
std::string FormatBytes(uint64_t bytes);

}  // namespace runy::cli

#endif  // RUNY_CLI_RENDER_H_

// The engine's output sink: frames process output into lines and hands each
// line, with its time, stream, alias and run, to the line consumers.
#ifndef RUNY_SERVER_LOGS_LOG_SINK_H_
#define RUNY_SERVER_LOGS_LOG_SINK_H_

#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "absl/time/time.h"
#include "server/engine/output_sink.h"
#include "server/logs/line_framer.h"

namespace runy::logs {

struct LogLine {
  absl::Time time;
  std::string alias;
  int run = 0;
  engine::Stream stream = engine::Stream::kStdout;
  std::string text;
  bool continued = false;
};

// Thread: the loop thread (it is the engine's sink).
class LogSink : public engine::OutputSink {
 public:
  using Consumer = std::function<void(const LogLine&)>;

  // With `echo` every line also goes to runyd's own log (spdlog, info).
  explicit LogSink(bool echo) : echo_(echo) {}

  void AddConsumer(Consumer consumer) { consumers_.push_back(std::move(consumer)); }

  void OnOutput(const std::string& alias, int run, engine::Stream stream,
                absl::string_view bytes) override;
  void OnStreamEnd(const std::string& alias, int run,
                   engine::Stream stream) override;
  void OnSystem(const std::string& alias, int run,
                absl::string_view text) override;

 private:
  void Emit(const std::string& alias, int run, engine::Stream stream,
            absl::string_view text, bool continued);

  bool echo_;
  std::vector<Consumer> consumers_;
  std::map<std::tuple<std::string, int, engine::Stream>, LineFramer> framers_;
};

}  // namespace runy::logs

#endif  // RUNY_SERVER_LOGS_LOG_SINK_H_

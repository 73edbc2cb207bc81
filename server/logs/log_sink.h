// The engine's output sink: frames process output into log records, one
// block per pipe read (the lines copied once, not one by one), and hands the
// blocks to the LogStore.
#ifndef RUNY_SERVER_LOGS_LOG_SINK_H_
#define RUNY_SERVER_LOGS_LOG_SINK_H_

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "server/engine/output_sink.h"
#include "server/logs/block_framer.h"
#include "server/logs/log_store.h"

namespace runy::logs {

// Thread: the loop thread (it is the engine's sink).
class LogSink : public engine::OutputSink {
 public:
  // `store` must outlive the sink.
  explicit LogSink(LogStore* store) : store_(store) {}

  void OnOutput(const std::string& alias, int run, engine::Stream stream,
                absl::string_view bytes) override;
  void OnStreamEnd(const std::string& alias, int run,
                   engine::Stream stream) override;
  void OnSystem(const std::string& alias, int run,
                absl::string_view text) override;

  // Re-exec: the unfinished last line of each stream, so that a line cut
  // by the exec is still one line in the log.
  struct Partial {
    std::string alias;
    int run = 0;
    engine::Stream stream = engine::Stream::kStdout;
    std::string bytes;
  };
  std::vector<Partial> ExportPartials() const;
  void AdoptPartials(const std::vector<Partial>& partials);

 private:
  LogStore* store_;
  std::map<std::tuple<std::string, int, engine::Stream>, BlockFramer> framers_;
};

}  // namespace runy::logs

#endif  // RUNY_SERVER_LOGS_LOG_SINK_H_

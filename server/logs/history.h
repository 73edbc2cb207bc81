// Past log lines of several processes, from their files and the memory tail,
// merged by time: what `runy logs -n N` and `--since` print before following.
#ifndef RUNY_SERVER_LOGS_HISTORY_H_
#define RUNY_SERVER_LOGS_HISTORY_H_

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "server/engine/output_sink.h"
#include "server/logs/record.h"

namespace runy::logs {

// One process's history: its files (oldest first; what they hold from the
// first memory record on is taken from `memory` instead) and the blocks
// its memory tail held (oldest first).
struct HistorySource {
  std::string alias;
  std::vector<std::string> files;
  std::vector<BlockPtr> memory;
  // A follower's subscription time: the files hold nothing it still needs
  // from then on (those lines come live), even when `memory` is empty, as
  // in a runyd that has just re-executed itself.
  int64_t live_from_ns = INT64_MAX;
};

struct HistoryQuery {
  int64_t since_ns = 0;              // older lines are left out
  std::set<engine::Stream> streams;  // empty: every stream
  int64_t tail = 0;                  // only the last N lines; 0: all
  bool use_files = true;             // false: the memory tail only
};

// Thread: any, but never the loop thread: it reads files. The files are
// opened once at the start, so a rotation meanwhile changes nothing.
//
// Calls `emit` with every line that the query selects, oldest first (lines
// of one time in source order), until `emit` returns false. Reads files
// only as far back as the query needs (the newest files that hold `tail`
// lines, or reach back to `since_ns`) and never holds more than one read
// buffer per source plus the record being parsed: memory does not grow with
// the size of the history.
//
// `cancelled` (may be empty) is asked now and then, also while files are
// only being counted: true ends the read.
void ReadHistory(const std::vector<HistorySource>& sources,
                 const HistoryQuery& query,
                 const std::function<bool(const std::string& alias,
                                          const RecordView& line)>& emit,
                 const std::function<bool()>& cancelled = {});

}  // namespace runy::logs

#endif  // RUNY_SERVER_LOGS_HISTORY_H_

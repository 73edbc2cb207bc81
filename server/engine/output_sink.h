// Where the engine hands process output and lifecycle events.
#ifndef RUNY_SERVER_ENGINE_OUTPUT_SINK_H_
#define RUNY_SERVER_ENGINE_OUTPUT_SINK_H_

#include <string>

#include "absl/strings/string_view.h"

namespace runy::engine {

enum class Stream { kStdout, kStderr, kSystem };

// Thread: every call comes from the loop thread; implementations must not
// block it (queue or drop, never wait).
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  // Bytes read from a process's pipe, in order, chunked arbitrarily.
  // `run` is the incarnation (1 for the first spawn).
  virtual void OnOutput(const std::string& alias, int run, Stream stream,
                        absl::string_view bytes) = 0;
  // The pipe reached end of file: a final partial line is complete.
  virtual void OnStreamEnd(const std::string& alias, int run,
                           Stream stream) = 0;
  // A lifecycle line ("started pid 42", "exited with code 1").
  virtual void OnSystem(const std::string& alias, int run,
                        absl::string_view text) = 0;
};

}  // namespace runy::engine

#endif  // RUNY_SERVER_ENGINE_OUTPUT_SINK_H_

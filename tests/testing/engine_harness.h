// An Engine on a real EventLoop thread, for integration tests with real
// processes.
#ifndef RUNY_TESTS_TESTING_ENGINE_HARNESS_H_
#define RUNY_TESTS_TESTING_ENGINE_HARNESS_H_

#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/time.h"
#include "server/engine/engine.h"
#include "server/engine/output_sink.h"
#include "server/loop/event_loop.h"

namespace runy::testing {

// Records everything the engine reports. Thread-safe.
class RecordingSink : public engine::OutputSink {
 public:
  void OnOutput(const std::string& alias, int run, engine::Stream stream,
                absl::string_view bytes) override;
  void OnStreamEnd(const std::string& alias, int run,
                   engine::Stream stream) override;
  void OnSystem(const std::string& alias, int run,
                absl::string_view text) override;

  std::string Output(const std::string& alias);
  std::vector<std::string> SystemLines(const std::string& alias);
  // How many output streams of `alias` reached their end.
  int StreamEnds(const std::string& alias);

 private:
  std::mutex mu_;
  std::map<std::string, std::string> output_;
  std::map<std::string, std::vector<std::string>> system_;
  std::map<std::string, int> ends_;
};

struct StateChange {
  std::string alias;
  engine::ProcessState state;
  absl::Time at;  // loop::MonotonicNow()
  pid_t pid;
  bool restarting;  // a start follows this stop
};

// Blocks SIGCHLD in the calling thread (call before any thread starts, or at
// least before the harness), then runs the loop on its own thread.
class EngineHarness {
 public:
  // Output goes to `sink` when given (it must outlive the harness), else to
  // the harness's RecordingSink.
  explicit EngineHarness(engine::OutputSink* sink = nullptr);
  ~EngineHarness();

  // Runs `fn` on the loop thread and waits for it.
  template <typename T>
  T Call(std::function<T(engine::Engine&)> fn) {
    std::promise<T> done;
    loop_->Post([&] { done.set_value(fn(*engine_)); });
    return done.get_future().get();
  }
  void Do(std::function<void(engine::Engine&)> fn);

  absl::Status Define(const engine::ProcessSpec& spec);
  absl::Status Start(const std::string& alias);
  // Stops and waits until stopped (up to `timeout`); false on timeout.
  bool StopAndWait(const std::string& alias,
                   absl::Duration timeout = absl::Seconds(30));
  engine::ProcessSnapshot Snapshot(const std::string& alias);
  bool WaitForState(const std::string& alias, engine::ProcessState state,
                    absl::Duration timeout = absl::Seconds(20));
  std::vector<StateChange> Changes(const std::string& alias);

  RecordingSink& sink() { return sink_; }
  // For what runs on the loop beside the engine (the service host).
  loop::EventLoop* loop() { return loop_.get(); }

 private:
  RecordingSink sink_;
  std::unique_ptr<loop::EventLoop> loop_;
  std::unique_ptr<engine::Engine> engine_;
  std::thread thread_;
  std::mutex mu_;
  std::vector<StateChange> changes_;
};

// A ProcessSpec running `sh -c script`.
engine::ProcessSpec ShellSpec(const std::string& alias,
                              const std::string& script);

}  // namespace runy::testing

#endif  // RUNY_TESTS_TESTING_ENGINE_HARNESS_H_

#include "absl/time/clock.h"
#include "server/logs/log_sink.h"

#include "spdlog/spdlog.h"

namespace runy::logs {
namespace {

const char* StreamName(engine::Stream stream) {
  switch (stream) {
    case engine::Stream::kStdout:
      return "out";
    case engine::Stream::kStderr:
      return "err";
    case engine::Stream::kSystem:
      return "sys";
  }
  return "?";
}

}  // namespace

void LogSink::OnOutput(const std::string& alias, int run, engine::Stream stream,
                       absl::string_view bytes) {
  LineFramer& framer = framers_[std::make_tuple(alias, run, stream)];
  framer.Feed(bytes, [&](absl::string_view line, bool continued) {
    Emit(alias, run, stream, line, continued);
  });
}

void LogSink::OnStreamEnd(const std::string& alias, int run,
                          engine::Stream stream) {
  auto it = framers_.find(std::make_tuple(alias, run, stream));
  if (it == framers_.end()) return;
  it->second.Flush([&](absl::string_view line, bool continued) {
    Emit(alias, run, stream, line, continued);
  });
  framers_.erase(it);
}

void LogSink::OnSystem(const std::string& alias, int run,
                       absl::string_view text) {
  Emit(alias, run, engine::Stream::kSystem, text, false);
}

void LogSink::Emit(const std::string& alias, int run, engine::Stream stream,
                   absl::string_view text, bool continued) {
  LogLine line{absl::Now(), alias, run, stream, std::string(text), continued};
  if (echo_) {
    spdlog::info("[{}] {}: {}", alias, StreamName(stream), line.text);
  }
  for (const Consumer& consumer : consumers_) consumer(line);
}

}  // namespace runy::logs

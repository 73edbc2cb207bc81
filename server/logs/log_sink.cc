#include "server/logs/log_sink.h"

#include <memory>

#include "absl/time/clock.h"
#include "spdlog/spdlog.h"

namespace runy::logs {
namespace {

std::shared_ptr<Block> NewBlock(const std::string& alias) {
  auto block = std::make_shared<Block>();
  block->alias = alias;
  block->time = absl::Now();
  return block;
}

}  // namespace

void LogSink::OnOutput(const std::string& alias, int run, engine::Stream stream,
                       absl::string_view bytes) {
  std::shared_ptr<Block> block = NewBlock(alias);
  // Records are a little longer than the lines: one allocation for all.
  block->bytes.reserve(bytes.size() + bytes.size() / 16 + 64);
  std::string prefix = FormatPrefix(block->time, run);
  LineFramer& framer = framers_[std::make_tuple(alias, run, stream)];
  framer.Feed(bytes, [&](absl::string_view line, bool continued) {
    AppendRecord(prefix, stream, continued, line, &block->bytes);
    ++block->lines;
  });
  if (block->lines > 0) store_->Append(std::move(block));
}

void LogSink::OnStreamEnd(const std::string& alias, int run,
                          engine::Stream stream) {
  auto it = framers_.find(std::make_tuple(alias, run, stream));
  if (it == framers_.end()) return;
  std::shared_ptr<Block> block = NewBlock(alias);
  std::string prefix = FormatPrefix(block->time, run);
  it->second.Flush([&](absl::string_view line, bool continued) {
    AppendRecord(prefix, stream, continued, line, &block->bytes);
    ++block->lines;
  });
  framers_.erase(it);
  if (block->lines > 0) store_->Append(std::move(block));
}

void LogSink::OnSystem(const std::string& alias, int run,
                       absl::string_view text) {
  spdlog::info("[{}] {}", alias, std::string(text));
  std::shared_ptr<Block> block = NewBlock(alias);
  AppendRecord(FormatPrefix(block->time, run), engine::Stream::kSystem, false,
               text, &block->bytes);
  block->lines = 1;
  store_->Append(std::move(block));
}

}  // namespace runy::logs

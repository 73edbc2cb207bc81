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
  block->bytes.reserve(bytes.size() + 64);
  BlockFramer& framer = framers_[std::make_tuple(alias, run, stream)];
  framer.Feed(
      bytes, [&](absl::string_view lines, size_t count, bool continued) {
        AppendHeader(block->time, run, stream, continued, count, &block->bytes);
        block->bytes.append(lines.data(), lines.size());
        block->lines += count;
      });
  if (block->lines > 0) store_->Append(std::move(block));
}

void LogSink::OnStreamEnd(const std::string& alias, int run,
                          engine::Stream stream) {
  auto it = framers_.find(std::make_tuple(alias, run, stream));
  if (it == framers_.end()) return;
  std::shared_ptr<Block> block = NewBlock(alias);
  it->second.Flush([&](absl::string_view lines, size_t count, bool continued) {
    AppendHeader(block->time, run, stream, continued, count, &block->bytes);
    block->bytes.append(lines.data(), lines.size());
    block->lines += count;
  });
  framers_.erase(it);
  if (block->lines > 0) store_->Append(std::move(block));
}

void LogSink::OnSystem(const std::string& alias, int run,
                       absl::string_view text) {
  spdlog::info("[{}] {}", alias, std::string(text));
  std::shared_ptr<Block> block = NewBlock(alias);
  // A system line is one line: newlines in it (an error text) become spaces.
  std::string line(text);
  for (char& c : line) {
    if (c == '\n') c = ' ';
  }
  AppendHeader(block->time, run, engine::Stream::kSystem, false, 1,
               &block->bytes);
  block->bytes.append(line);
  block->bytes.push_back('\n');
  block->lines = 1;
  store_->Append(std::move(block));
}

std::vector<LogSink::Partial> LogSink::ExportPartials() const {
  std::vector<Partial> partials;
  for (const auto& [key, framer] : framers_) {
    if (framer.partial().empty()) continue;
    partials.push_back(Partial{std::get<0>(key), std::get<1>(key),
                               std::get<2>(key), framer.partial()});
  }
  return partials;
}

void LogSink::AdoptPartials(const std::vector<Partial>& partials) {
  for (const Partial& p : partials) {
    framers_[std::make_tuple(p.alias, p.run, p.stream)].set_partial(p.bytes);
  }
}

}  // namespace runy::logs

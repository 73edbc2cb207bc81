#include "server/api/logs_feed.h"

#include <algorithm>
#include <memory>
#include <set>
#include <vector>

#include "server/api/grpc_status.h"
#include "server/api/stream_writer.h"

namespace runy::api {
namespace {

using Writer = StreamWriter<v1::LogLine>;
using Handle = StreamHandle<v1::LogLine>;

v1::LogStream ToProto(engine::Stream stream) {
  switch (stream) {
    case engine::Stream::kStdout:
      return v1::LOG_STREAM_STDOUT;
    case engine::Stream::kStderr:
      return v1::LOG_STREAM_STDERR;
    case engine::Stream::kSystem:
      return v1::LOG_STREAM_SYSTEM;
  }
  return v1::LOG_STREAM_UNSPECIFIED;
}

struct Filter {
  std::set<int> streams;  // v1::LogStream values; empty = all
  int64_t since_ns = 0;
  bool Accepts(const logs::RecordView& r) const {
    if (r.unix_ns < since_ns) return false;
    return streams.empty() || streams.count(ToProto(r.stream)) != 0;
  }
};

v1::LogLine ToLine(const std::string& alias, const logs::RecordView& r) {
  v1::LogLine line;
  line.mutable_time()->set_seconds(r.unix_ns / 1000000000);
  line.mutable_time()->set_nanos(static_cast<int32_t>(r.unix_ns % 1000000000));
  line.set_alias(alias);
  line.set_stream(ToProto(r.stream));
  line.set_text(r.text.data(), r.text.size());
  line.set_run(r.run);
  line.set_continued(r.continued);
  return line;
}

// State of one follower: lives as long as the subscription.
struct Feed {
  std::shared_ptr<Handle> handle;
  Filter filter;
  uint64_t dropped = 0;
  int subscription = 0;

  // Pushes one live line; counts it when the reader is too far behind.
  // Returns false once the stream is gone.
  bool PushLive(v1::LogLine line) {
    if (dropped > 0) {
      v1::LogLine marker;
      *marker.mutable_time() = line.time();
      marker.set_alias(line.alias());
      marker.set_stream(v1::LOG_STREAM_SYSTEM);
      marker.set_dropped(dropped);
      marker.set_text(std::to_string(dropped) + " lines dropped");
      auto r = handle->Push(std::move(marker));
      if (r == Handle::PushResult::kGone) return false;
      if (r == Handle::PushResult::kFull) {
        ++dropped;
        return true;
      }
      dropped = 0;
    }
    auto r = handle->Push(std::move(line));
    if (r == Handle::PushResult::kGone) return false;
    if (r == Handle::PushResult::kFull) ++dropped;
    return true;
  }
};

struct Entry {
  int64_t ns;
  size_t order;
  v1::LogLine line;
};

// The backlog of every alias, filtered, merged by time, the last `tail`.
std::vector<v1::LogLine> Backlog(logs::LogStore* store,
                                 const std::vector<logs::BlockPtr>& blocks,
                                 const std::set<std::string>& aliases,
                                 const Filter& filter, int tail, bool all) {
  std::vector<Entry> entries;
  std::map<std::string, size_t> in_memory;
  std::map<std::string, int64_t> oldest;
  std::vector<logs::RecordView> records;
  for (const logs::BlockPtr& block : blocks) {
    records.clear();
    logs::ParseRecords(block->bytes, &records);
    for (const auto& r : records) {
      if (!oldest.count(block->alias)) oldest[block->alias] = r.unix_ns;
      if (!filter.Accepts(r)) continue;
      ++in_memory[block->alias];
      entries.push_back({r.unix_ns, entries.size(), ToLine(block->alias, r)});
    }
  }
  // Older lines from the files when memory holds fewer than asked for.
  std::vector<std::string> file_bytes;
  if (!all) {
    for (const std::string& alias : aliases) {
      if (static_cast<int>(in_memory[alias]) >= tail) continue;
      auto it = oldest.find(alias);
      int64_t before = it == oldest.end() ? INT64_MAX : it->second;
      file_bytes.push_back(store->ReadOlder(alias, before));
      records.clear();
      logs::ParseRecords(file_bytes.back(), &records);
      for (const auto& r : records) {
        if (filter.Accepts(r))
          entries.push_back({r.unix_ns, entries.size(), ToLine(alias, r)});
      }
    }
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.ns < b.ns; });
  size_t first = all || static_cast<size_t>(tail) >= entries.size()
                     ? 0
                     : entries.size() - static_cast<size_t>(tail);
  std::vector<v1::LogLine> out;
  out.reserve(entries.size() - first);
  for (size_t i = first; i < entries.size(); ++i)
    out.push_back(std::move(entries[i].line));
  return out;
}

}  // namespace

grpc::ServerWriteReactor<v1::LogLine>* StartLogsFeed(
    loop::EventLoop* loop, control::Controller* controller,
    logs::LogStore* store, const v1::LogsRequest* request) {
  auto* writer = new Writer(kMaxQueuedLogLines);
  auto feed = std::make_shared<Feed>();
  feed->handle = writer->handle();
  for (int s : request->streams()) feed->filter.streams.insert(s);
  if (request->has_since()) {
    feed->filter.since_ns =
        request->since().seconds() * 1000000000 + request->since().nanos();
  }
  std::vector<std::string> names(request->targets().begin(),
                                 request->targets().end());
  bool follow = request->follow();
  int tail = request->tail();
  if (tail < 0) {
    writer->Close(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                               "tail must not be negative"));
    return writer;
  }
  writer->set_on_done([loop, store, feed] {
    loop->Post([store, feed] {
      if (feed->subscription != 0) store->Unsubscribe(feed->subscription);
      feed->subscription = 0;
    });
  });
  loop->Post([=] {
    absl::StatusOr<std::vector<std::string>> aliases =
        controller->ResolveAliases(names);
    if (!aliases.ok()) {
      feed->handle->Close(ToGrpcStatus(aliases.status()));
      return;
    }
    std::set<std::string> wanted(aliases->begin(), aliases->end());
    // A service's own lines (ctx.exec output, say) are kept under its name.
    for (const std::string& n : names) wanted.insert(n);
    if (names.empty()) wanted.clear();  // everything
    std::vector<logs::BlockPtr> blocks;
    if (follow) {
      feed->subscription = store->Subscribe(
          wanted,
          [store, feed](const logs::BlockPtr& block) {
            std::vector<logs::RecordView> records;
            logs::ParseRecords(block->bytes, &records);
            for (const auto& r : records) {
              if (!feed->filter.Accepts(r)) continue;
              if (!feed->PushLive(ToLine(block->alias, r))) {
                store->Unsubscribe(feed->subscription);
                feed->subscription = 0;
                return;
              }
            }
          },
          &blocks);
    } else {
      blocks = store->Snapshot(wanted);
    }
    bool all = !follow && tail == 0;
    std::set<std::string> file_aliases = wanted;
    for (const auto& b : blocks) file_aliases.insert(b->alias);
    for (v1::LogLine& line :
         Backlog(store, blocks, file_aliases, feed->filter, tail, all)) {
      feed->handle->Push(std::move(line), /*force=*/true);
    }
    if (!follow) feed->handle->Close(grpc::Status::OK);
  });
  return writer;
}

}  // namespace runy::api

#include "server/api/logs_feed.h"

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "common/mutex.h"
#include "common/status_macros.h"
#include "server/api/grpc_status.h"
#include "server/api/stream_writer.h"
#include "server/logs/history.h"

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

// One Logs call: the history (read on a thread of its own), then, with
// follow, live lines. Live lines that arrive while the history is being
// sent wait in `pending` (bounded; beyond it they are counted as dropped),
// so that they come after it, in order. Shared by the loop thread, the
// history thread and the gRPC done callback.
struct Feed {
  std::shared_ptr<Handle> handle;
  Filter filter;
  int subscription = 0;  // loop thread only

  Mutex mu;
  bool replaying ABSL_GUARDED_BY(mu) = true;
  std::deque<v1::LogLine> pending ABSL_GUARDED_BY(mu);
  uint64_t dropped ABSL_GUARDED_BY(mu) = 0;

  // Loop thread: one live line. Returns false once the stream is gone.
  bool OnLive(v1::LogLine line) {
    MutexLock lock(&mu);
    if (replaying) {
      if (pending.size() < kMaxQueuedLogLines) {
        pending.push_back(std::move(line));
      } else {
        ++dropped;
      }
      return true;
    }
    return PushLiveLocked(std::move(line));
  }

  // History thread: the history is sent; the live lines held back follow.
  void FinishReplay() {
    MutexLock lock(&mu);
    std::deque<v1::LogLine> held;
    held.swap(pending);
    replaying = false;
    // Bounded (kMaxQueuedLogLines): queued whatever the client's backlog,
    // so a reader that kept up loses none of them.
    for (v1::LogLine& line : held) {
      if (handle->Push(std::move(line), /*force=*/true) ==
          Handle::PushResult::kGone) {
        return;
      }
    }
  }

 private:
  // Pushes one live line, never blocking; counts it when the reader is too
  // far behind. Returns false once the stream is gone.
  bool PushLiveLocked(v1::LogLine line) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
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

// At most kHistoryReaders calls read history from the files at a time: a
// client that opens many calls makes them wait, not runyd read its files
// many times over.
constexpr int kHistoryReaders = 4;
Mutex history_mu;
CondVar history_cv;
int history_readers ABSL_GUARDED_BY(history_mu) = 0;

class HistorySlot {
 public:
  HistorySlot() {
    MutexLock lock(&history_mu);
    while (history_readers >= kHistoryReaders) history_cv.Wait(&history_mu);
    ++history_readers;
  }
  ~HistorySlot() {
    {
      MutexLock lock(&history_mu);
      --history_readers;
    }
    history_cv.Signal();
  }
  HistorySlot(const HistorySlot&) = delete;
  HistorySlot& operator=(const HistorySlot&) = delete;
};

// History thread: queues `line`, waiting while the client's queue is full
// (history is never dropped). False once the client is gone, or when it has
// read nothing for a minute.
bool PushWaiting(Handle* handle, v1::LogLine line) {
  constexpr absl::Duration kStalledReader = absl::Seconds(60);
  absl::Time deadline = absl::Now() + kStalledReader;
  absl::Duration pause = absl::Microseconds(100);
  for (;;) {
    switch (handle->Push(line)) {
      case Handle::PushResult::kQueued:
        return true;
      case Handle::PushResult::kGone:
        return false;
      case Handle::PushResult::kFull:
        break;
    }
    if (absl::Now() > deadline) {
      handle->Close(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                 "logs: the client stopped reading"));
      return false;
    }
    absl::SleepFor(pause);
    pause = std::min(pause * 2, absl::Milliseconds(5));
  }
}

std::set<engine::Stream> Streams(const Filter& filter) {
  std::set<engine::Stream> out;
  for (int s : filter.streams) {
    if (s == v1::LOG_STREAM_STDOUT) out.insert(engine::Stream::kStdout);
    if (s == v1::LOG_STREAM_STDERR) out.insert(engine::Stream::kStderr);
    if (s == v1::LOG_STREAM_SYSTEM) out.insert(engine::Stream::kSystem);
  }
  return out;
}

// The sources of `aliases` (every known one when empty): their files and
// their blocks among `blocks`, oldest first.
std::vector<logs::HistorySource> Sources(
    logs::LogStore* store, std::set<std::string> aliases,
    const std::vector<logs::BlockPtr>& blocks, int64_t live_from_ns) {
  if (aliases.empty()) {
    for (const std::string& alias : store->Aliases()) aliases.insert(alias);
    for (const auto& b : blocks) aliases.insert(b->alias);
  }
  std::map<std::string, logs::HistorySource> by_alias;
  for (const std::string& alias : aliases) {
    logs::HistorySource& source = by_alias[alias];
    source.alias = alias;
    source.live_from_ns = live_from_ns;
    source.files = store->Files(alias);
  }
  for (const logs::BlockPtr& block : blocks) {
    auto it = by_alias.find(block->alias);
    if (it != by_alias.end()) it->second.memory.push_back(block);
  }
  std::vector<logs::HistorySource> out;
  for (auto& [alias, source] : by_alias) out.push_back(std::move(source));
  return out;
}

}  // namespace

grpc::ServerWriteReactor<v1::LogLine>* StartLogsFeed(
    loop::EventLoop* loop, control::Controller* controller,
    logs::LogStore* store, OpenStreams* streams,
    const v1::LogsRequest* request) {
  auto* writer = new Writer(kMaxQueuedLogLines);
  auto feed = std::make_shared<Feed>();
  feed->handle = writer->handle();
  for (int s : request->streams()) {
    if (s != v1::LOG_STREAM_STDOUT && s != v1::LOG_STREAM_STDERR &&
        s != v1::LOG_STREAM_SYSTEM) {
      writer->Close(
          grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                       "streams: unknown stream " + std::to_string(s)));
      return writer;
    }
    feed->filter.streams.insert(s);
  }
  // Years 0 to 9999: beyond, nanoseconds since 1970 overflow.
  constexpr int64_t kMaxSeconds = 253402300799;
  if (request->has_since() && (request->since().seconds() < 0 ||
                               request->since().seconds() > kMaxSeconds)) {
    writer->Close(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                               "since: out of range"));
    return writer;
  }
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
  // What the history holds: the last `tail` lines (of those since `since`);
  // with `since` alone, every line since then; with neither, what memory
  // keeps (follow: nothing).
  logs::HistoryQuery query;
  query.since_ns = feed->filter.since_ns;
  query.streams = Streams(feed->filter);
  query.tail = tail;
  query.use_files = tail > 0 || query.since_ns > 0;
  bool history = !follow || tail > 0 || query.since_ns > 0;
  int stream_id = streams->Add(
      [handle = feed->handle](const grpc::Status& s) { handle->Close(s); });
  writer->set_on_done([loop, store, feed, streams, stream_id] {
    streams->Remove(stream_id);
    loop->Post([store, feed] {
      if (feed->subscription != 0) store->Unsubscribe(feed->subscription);
      feed->subscription = 0;
    });
  });
  loop->Post([=] {
    absl::StatusOr<std::vector<std::string>> aliases =
        ResolveLogNames(*controller, *store, names);
    if (!aliases.ok()) {
      feed->handle->Close(ToGrpcStatus(aliases.status()));
      return;
    }
    std::set<std::string> wanted(aliases->begin(), aliases->end());
    if (names.empty()) wanted.clear();  // everything
    std::vector<logs::BlockPtr> blocks;
    // Blocks are stamped on this thread as they are made: whatever is
    // appended after the subscription is at least this new.
    int64_t live_from_ns = follow ? absl::ToUnixNanos(absl::Now()) : INT64_MAX;
    if (follow) {
      feed->subscription = store->Subscribe(
          wanted,
          [store, feed](const logs::BlockPtr& block) {
            std::vector<logs::RecordView> records;
            logs::ParseRecords(block->bytes, &records);
            for (const auto& r : records) {
              if (!feed->filter.Accepts(r)) continue;
              if (!feed->OnLive(ToLine(block->alias, r))) {
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
    if (!history) {
      feed->FinishReplay();
      return;
    }
    // Files are read off the loop thread: a deep history never delays a
    // reap, a pipe or another RPC.
    std::vector<logs::HistorySource> sources =
        Sources(store, wanted, blocks, live_from_ns);
    std::thread([sources = std::move(sources), query, feed, follow] {
      HistorySlot slot;  // a few readers at a time; the others wait
      logs::ReadHistory(
          sources, query,
          [&](const std::string& alias, const logs::RecordView& r) {
            return PushWaiting(feed->handle.get(), ToLine(alias, r));
          },
          [&] { return feed->handle->gone(); });
      feed->FinishReplay();
      if (!follow) feed->handle->Close(grpc::Status::OK);
    }).detach();
  });
  return writer;
}

absl::StatusOr<std::vector<std::string>> ResolveLogNames(
    const control::Controller& controller, logs::LogStore& store,
    const std::vector<std::string>& names) {
  if (names.empty()) return store.Aliases();
  std::vector<std::string> known, past;
  for (const std::string& name : names) {
    bool gone =
        !controller.CheckKnown({name}).ok() && !store.Files(name).empty();
    (gone ? past : known).push_back(name);
  }
  std::vector<std::string> aliases;
  if (!known.empty()) {
    RUNY_ASSIGN_OR_RETURN(aliases, controller.ResolveAliases(known));
  }
  aliases.insert(aliases.end(), past.begin(), past.end());
  return aliases;
}

}  // namespace runy::api

// The Logs RPC: a tail from the log store, then (with follow) live lines,
// with "N lines dropped" markers for a reader that falls behind.
#ifndef RUNY_SERVER_API_LOGS_FEED_H_
#define RUNY_SERVER_API_LOGS_FEED_H_

#include <grpcpp/grpcpp.h>

#include "runy/v1/runy.pb.h"
#include "server/api/open_streams.h"
#include "server/control/controller.h"
#include "server/logs/log_store.h"
#include "server/loop/event_loop.h"

namespace runy::api {

// Lines a follower may have queued before new ones are dropped (and counted).
inline constexpr size_t kMaxQueuedLogLines = 4096;

// Thread: called on a gRPC thread; resolves names and subscribes on the loop
// thread. `controller` is used on the loop thread only; `store` is
// thread-safe.
// The stream is registered in `streams` while it is open.
grpc::ServerWriteReactor<v1::LogLine>* StartLogsFeed(
    loop::EventLoop* loop, control::Controller* controller,
    logs::LogStore* store, OpenStreams* streams,
    const v1::LogsRequest* request);

// The logs `names` stand for (every log when empty). A name runyd no longer
// knows still stands for its log files (a process removed, or no longer
// declared after a reload), so `runy logs` can show how it ended.
// Thread: the loop thread.
absl::StatusOr<std::vector<std::string>> ResolveLogNames(
    const control::Controller& controller, logs::LogStore& store,
    const std::vector<std::string>& names);

}  // namespace runy::api

#endif  // RUNY_SERVER_API_LOGS_FEED_H_

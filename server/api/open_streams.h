// The server streams (Logs, Events) that are open, so that a re-exec can
// end each of them cleanly, after what it has queued, instead of letting
// the server cut them.
#ifndef RUNY_SERVER_API_OPEN_STREAMS_H_
#define RUNY_SERVER_API_OPEN_STREAMS_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <map>

#include "common/mutex.h"

namespace runy::api {

// Thread-safe.
class OpenStreams {
 public:
  using Closer = std::function<void(const grpc::Status&)>;

  int Add(Closer close) {
    MutexLock lock(&mu_);
    int id = next_id_++;
    closers_[id] = std::move(close);
    return id;
  }
  void Remove(int id) {
    MutexLock lock(&mu_);
    closers_.erase(id);
  }
  // Ends every open stream with `status`; each keeps its registration
  // until it is done.
  void CloseAll(const grpc::Status& status) {
    std::map<int, Closer> closers;
    {
      MutexLock lock(&mu_);
      closers = closers_;
    }
    for (auto& [id, close] : closers) close(status);
  }

 private:
  Mutex mu_;
  std::map<int, Closer> closers_ ABSL_GUARDED_BY(mu_);
  int next_id_ ABSL_GUARDED_BY(mu_) = 1;
};

}  // namespace runy::api

#endif  // RUNY_SERVER_API_OPEN_STREAMS_H_

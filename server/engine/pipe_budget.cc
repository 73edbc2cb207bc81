#include "server/engine/pipe_budget.h"

#include <fcntl.h>

namespace runy::engine {

void PipeBudget::SizeNewPipe(int fd) {
  fcntl(fd, F_SETPIPE_SZ, static_cast<int>(kInitialBytes));
}

bool PipeBudget::TryGrow(int fd) {
  constexpr size_t kExtra = kGrownBytes - kInitialBytes;
  if (grown_ + kExtra > budget_) return false;
  if (fcntl(fd, F_SETPIPE_SZ, static_cast<int>(kGrownBytes)) < 0) return false;
  grown_ += kExtra;
  return true;
}

void PipeBudget::Release() {
  constexpr size_t kExtra = kGrownBytes - kInitialBytes;
  grown_ = grown_ >= kExtra ? grown_ - kExtra : 0;
}

}  // namespace runy::engine

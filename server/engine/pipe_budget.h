// How big the children's output pipes are. Every pipe starts small; one that
// proves chatty (a read finds it full) grows, while a shared budget allows.
//
// Why: the kernel charges pipe buffers to the user (pipe-user-pages-soft,
// 16384 pages = 64 MiB by default); past it, every new pipe of that user gets
// 8 KiB. At 16 KiB a pipe, 1,000 processes (2,000 pipes) take 31 MiB; the
// growth budget adds at most 16 MiB (sixteen 1 MiB pipes), so runyd stays
// under the limit with a thousand processes and chatty ones still get the
// big pipes that keep their wake-ups few.
#ifndef RUNY_SERVER_ENGINE_PIPE_BUDGET_H_
#define RUNY_SERVER_ENGINE_PIPE_BUDGET_H_

#include <cstddef>

namespace runy::engine {

// Thread: the loop thread (shared by the engine's pipe readers).
class PipeBudget {
 public:
  static constexpr size_t kInitialBytes = 16 * 1024;
  static constexpr size_t kGrownBytes = 1 << 20;
  static constexpr size_t kDefaultBudget = 16 << 20;

  explicit PipeBudget(size_t budget_bytes = kDefaultBudget)
      : budget_(budget_bytes) {}

  // Sizes a new, still empty pipe (best effort). Thread: any.
  static void SizeNewPipe(int fd);

  // Grows the pipe to kGrownBytes when the budget has room; true if it did.
  // A grown pipe gives its share back with Release() when it closes.
  bool TryGrow(int fd);
  void Release();

  size_t grown() const { return grown_; }

 private:
  size_t budget_;
  size_t grown_ = 0;  // bytes handed out beyond kInitialBytes
};

}  // namespace runy::engine

#endif  // RUNY_SERVER_ENGINE_PIPE_BUDGET_H_

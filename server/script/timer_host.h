// The C++ half of setTimeout/setInterval (js/timers.js holds the callbacks):
// one EventLoop timer per scheduled JS timer.
#ifndef RUNY_SERVER_SCRIPT_TIMER_HOST_H_
#define RUNY_SERVER_SCRIPT_TIMER_HOST_H_

#include <cstdint>
#include <functional>

#include "absl/container/flat_hash_map.h"
#include "duktape.h"
#include "server/loop/event_loop.h"

namespace runy::script {

// Thread: the loop thread only.
//
// Deadlines follow node: start time (a millisecond-truncated MonotonicNow(),
// or the expiry time when an interval re-arms) plus the delay; timers due at
// the same time fire in the order they were scheduled (EventLoop's rule).
class TimerHost {
 public:
  // `on_fire(id, start_ms)` runs when JS timer `id` expires; start_ms is the
  // time to re-arm an interval from.
  using FireCallback = std::function<void(double id, double start_ms)>;

  // REQUIRES: `loop` outlives this object.
  TimerHost(loop::EventLoop* loop, FireCallback on_fire);
  ~TimerHost();  // cancels every loop timer
  TimerHost(const TimerHost&) = delete;
  TimerHost& operator=(const TimerHost&) = delete;

  // Installs on the object at `obj_idx`: timerStart(id, delayMs, startMs,
  // ref), timerCancel(id), timerRef(id, ref), nowMs(). May throw.
  void InstallNatives(duk_context* ctx, duk_idx_t obj_idx);

  // Timers that keep an --eval process alive (not unref()'d).
  size_t ref_count() const { return ref_count_; }
  size_t size() const { return timers_.size(); }
  void CancelAll();

  // MonotonicNow() in milliseconds (what nowMs() returns).
  static double NowMs();

 private:
  struct Entry {
    loop::EventLoop::TimerId loop_id;
    bool ref;
  };
  static duk_ret_t JsStart(duk_context* ctx);
  static duk_ret_t JsCancel(duk_context* ctx);
  static duk_ret_t JsRef(duk_context* ctx);
  static duk_ret_t JsNowMs(duk_context* ctx);

  void Start(double id, double delay_ms, double start_ms, bool ref);
  void Cancel(double id);
  void SetRef(double id, bool ref);
  void Fire(double id, double start_ms);

  loop::EventLoop* loop_;
  FireCallback on_fire_;
  absl::flat_hash_map<double, Entry> timers_;
  size_t ref_count_ = 0;
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_TIMER_HOST_H_

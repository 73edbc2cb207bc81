#include "server/script/timer_host.h"

#include <cmath>
#include <utility>

#include "server/script/native.h"

namespace runy::script {

TimerHost::TimerHost(loop::EventLoop* loop, FireCallback on_fire)
    : loop_(loop), on_fire_(std::move(on_fire)) {}

TimerHost::~TimerHost() { CancelAll(); }

double TimerHost::NowMs() {
  return absl::ToDoubleMilliseconds(loop::MonotonicNow() - absl::UnixEpoch());
}

void TimerHost::InstallNatives(duk_context* ctx, duk_idx_t obj_idx) {
  PutNativeFunction(ctx, obj_idx, "timerStart", &TimerHost::JsStart, 4, this);
  PutNativeFunction(ctx, obj_idx, "timerCancel", &TimerHost::JsCancel, 1, this);
  PutNativeFunction(ctx, obj_idx, "timerRef", &TimerHost::JsRef, 2, this);
  PutNativeFunction(ctx, obj_idx, "nowMs", &TimerHost::JsNowMs, 0, this);
}

void TimerHost::CancelAll() {
  for (const auto& [id, entry] : timers_) loop_->CancelTimer(entry.loop_id);
  timers_.clear();
  ref_count_ = 0;
}

duk_ret_t TimerHost::JsStart(duk_context* ctx) {
  auto* self = static_cast<TimerHost*>(NativeSelf(ctx));
  double start_ms = duk_is_number(ctx, 2) ? duk_get_number(ctx, 2) : NAN;
  self->Start(duk_to_number(ctx, 0), duk_to_number(ctx, 1), start_ms,
              duk_to_boolean(ctx, 3));
  return 0;
}

duk_ret_t TimerHost::JsCancel(duk_context* ctx) {
  static_cast<TimerHost*>(NativeSelf(ctx))->Cancel(duk_to_number(ctx, 0));
  return 0;
}

duk_ret_t TimerHost::JsRef(duk_context* ctx) {
  static_cast<TimerHost*>(NativeSelf(ctx))
      ->SetRef(duk_to_number(ctx, 0), duk_to_boolean(ctx, 1));
  return 0;
}

duk_ret_t TimerHost::JsNowMs(duk_context* ctx) {
  duk_push_number(ctx, NowMs());
  return 1;
}

void TimerHost::Start(double id, double delay_ms, double start_ms, bool ref) {
  Cancel(id);
  if (std::isnan(start_ms)) start_ms = std::floor(NowMs());
  absl::Time deadline = absl::UnixEpoch() + absl::Milliseconds(start_ms) +
                        absl::Milliseconds(delay_ms);
  loop::EventLoop::TimerId loop_id =
      loop_->AddTimer(deadline, [this, id] { Fire(id, std::floor(NowMs())); });
  timers_[id] = Entry{loop_id, ref};
  if (ref) ++ref_count_;
}

void TimerHost::Cancel(double id) {
  auto it = timers_.find(id);
  if (it == timers_.end()) return;
  loop_->CancelTimer(it->second.loop_id);
  if (it->second.ref) --ref_count_;
  timers_.erase(it);
}

void TimerHost::SetRef(double id, bool ref) {
  auto it = timers_.find(id);
  if (it == timers_.end() || it->second.ref == ref) return;
  it->second.ref = ref;
  if (ref) {
    ++ref_count_;
  } else {
    --ref_count_;
  }
}

void TimerHost::Fire(double id, double start_ms) {
  auto it = timers_.find(id);
  if (it == timers_.end()) return;
  if (it->second.ref) --ref_count_;
  timers_.erase(it);
  on_fire_(id, start_ms);
}

}  // namespace runy::script

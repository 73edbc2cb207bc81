// ctx.schedule(): JavaScript jobs on a cron schedule or an interval while
// their service runs, never overlapping unless asked.
#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/script/services/service_internal.h"
#include "server/script/services/service_manager.h"
#include "spdlog/spdlog.h"

namespace runy::script {
namespace {

// With { overlap: true }: runs in progress at once, at most.
constexpr int kMaxOverlappingRuns = 100;

}  // namespace

std::string ServiceManager::RequestSchedule(const CtxCall& call,
                                            const JsValue& when, HandleId fn,
                                            const JsValue& options) {
  Service* service = Current(call.service, call.generation);
  if (service == nullptr) return "ctx.schedule: the service was stopped";
  absl::StatusOr<Schedule> schedule = ParseSchedule(when);
  if (!schedule.ok()) return std::string(schedule.status().message());
  if (schedule->Next(absl::Now(), absl::LocalTimeZone()) ==
      absl::InfiniteFuture()) {
    return absl::StrCat("ctx.schedule: \"", schedule->text,
                        "\" never comes (not within five years)");
  }
  bool overlap = false;
  if (options.type == JsValue::Type::kObject) {
    for (const auto& [key, value] : options.fields) {
      if (key != "overlap") {
        return absl::StrCat("ctx.schedule: unknown option \"", key,
                            "\" (known: overlap)");
      }
      if (value.type != JsValue::Type::kBool) {
        return "ctx.schedule: option \"overlap\" must be a boolean";
      }
      overlap = value.boolean;
    }
  } else if (options.type != JsValue::Type::kUndefined) {
    return "ctx.schedule: the third argument must be { overlap }";
  }
  uint64_t id = next_job_++;
  Service::Job& job = service->jobs[id];
  job.schedule = *std::move(schedule);
  job.fn = fn;
  job.overlap = overlap;
  job.site = call.site;
  ArmJob(service->name, service->generation, id);
  return "";
}

void ServiceManager::ArmJob(const std::string& name, uint64_t generation,
                            uint64_t id) {
  Service* service = Current(name, generation);
  if (service == nullptr) return;
  auto it = service->jobs.find(id);
  if (it == service->jobs.end()) return;
  Service::Job& job = it->second;
  job.next = job.schedule.Next(absl::Now(), absl::LocalTimeZone());
  MarkChanged();  // status shows the next run
  if (job.next == absl::InfiniteFuture()) return;
  job.timer = loop_->AddTimerAfter(
      std::max(job.next - absl::Now(), absl::ZeroDuration()),
      [this, name, generation, id] { FireJob(name, generation, id); });
}

void ServiceManager::FireJob(const std::string& name, uint64_t generation,
                             uint64_t id) {
  Service* service = Current(name, generation);
  if (service == nullptr) return;
  auto it = service->jobs.find(id);
  if (it == service->jobs.end()) return;
  Service::Job& job = it->second;
  job.timer = 0;
  std::string what = absl::StrCat("schedule ", job.schedule.text, " (at ",
                                  job.site.ToString(), ")");
  if (job.running >= (job.overlap ? kMaxOverlappingRuns : 1)) {
    // Logged once a streak: a job of 10 ms that hangs must not write a
    // line every 10 ms.
    if (job.skipped++ == 0) {
      port_->System(
          name, absl::StrCat(
                    what, ": skipped, the previous run",
                    job.overlap ? "s are" : " is", " still going",
                    job.overlap ? absl::StrCat(" (", job.running, ")") : ""));
    }
  } else {
    if (job.skipped > 1) {
      port_->System(
          name, absl::StrCat(what, ": ", job.skipped, " runs were skipped"));
    }
    job.skipped = 0;
    ++job.running;
    api_->CallAndWait(job.fn, [this, name, generation, id, what](
                                  const absl::Status& status, bool,
                                  const std::string&, const JsValue&) {
      Service* s = Current(name, generation);
      if (s == nullptr) return;
      auto j = s->jobs.find(id);
      if (j != s->jobs.end()) j->second.running--;
      if (!status.ok()) {
        std::string line = absl::StrCat(what, " failed: ", status.message());
        spdlog::warn("service {}: {}", name, line);
        port_->System(name, line);
      }
    });
  }
  ArmJob(name, generation, id);
}

}  // namespace runy::script

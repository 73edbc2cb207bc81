#include "server/state/held_processes.h"

#include <vector>

#include "absl/status/status.h"
#include "common/state_file.h"
#include "spdlog/spdlog.h"

namespace runy::state {

HeldProcesses::HeldProcesses(std::string file) : file_(std::move(file)) {
  if (file_.empty()) return;
  for (std::string& alias : ReadLines(file_)) {
    aliases_.insert(std::move(alias));
  }
}

void HeldProcesses::Hold(const std::string& alias) {
  if (aliases_.insert(alias).second) Save();
}

void HeldProcesses::Release(const std::string& alias) {
  if (aliases_.erase(alias) != 0) Save();
}

void HeldProcesses::Save() const {
  if (file_.empty()) return;
  absl::Status saved = WriteLines(
      file_, std::vector<std::string>(aliases_.begin(), aliases_.end()));
  if (!saved.ok()) spdlog::warn("{}", std::string(saved.message()));
}

}  // namespace runy::state

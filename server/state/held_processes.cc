#include "server/state/held_processes.h"

#include <vector>

#include "common/names.h"
#include "common/state_file.h"

namespace runy::state {

HeldProcesses::HeldProcesses(std::string file, StateWriter* writer)
    : file_(std::move(file)), writer_(writer) {
  if (file_.empty()) return;
  for (std::string& alias : ReadEntries(file_, IsValidName, "an alias")) {
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
  if (file_.empty() || writer_ == nullptr) return;
  writer_->Save(file_, FormatLines(std::vector<std::string>(aliases_.begin(),
                                                            aliases_.end())));
}

}  // namespace runy::state

#include "tests/testing/proc_scan.h"

#include <dirent.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/testing/temp_dir.h"

namespace runy::testing {
std::map<std::string, std::set<pid_t>> LiveGroupsByAlias(
    const std::string& alias_prefix) {
  std::map<std::string, std::set<pid_t>> groups;
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return groups;
  const std::string key = "RUNY_ALIAS=" + alias_prefix;
  while (dirent* entry = readdir(proc)) {
    char* end = nullptr;
    long pid = std::strtol(entry->d_name, &end, 10);
    if (pid <= 0 || *end != '\0') continue;
    std::string dir = std::string("/proc/") + entry->d_name;
    std::string stat = ReadFile(dir + "/stat");
    size_t paren = stat.rfind(')');
    if (paren == std::string::npos || paren + 2 >= stat.size()) continue;
    std::istringstream fields(stat.substr(paren + 2));
    char state = 0;
    long ppid = 0, pgid = 0;
    fields >> state >> ppid >> pgid;
    if (state == 'Z' || state == 'X') continue;
    std::string environ = ReadFile(dir + "/environ");
    for (size_t at = 0; at < environ.size();) {
      size_t nul = environ.find('\0', at);
      if (nul == std::string::npos) nul = environ.size();
      if (environ.compare(at, key.size(), key) == 0) {
        std::string alias = environ.substr(at + 11, nul - at - 11);
        groups[alias].insert(static_cast<pid_t>(pgid));
      }
      at = nul + 1;
    }
  }
  closedir(proc);
  return groups;
}

}  // namespace runy::testing

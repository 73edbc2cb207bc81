// Small files of runyd's state directory (which services are started, which
// files were loaded): one entry a line, replaced atomically.
#ifndef RUNY_COMMON_STATE_FILE_H_
#define RUNY_COMMON_STATE_FILE_H_

#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace runy {

// The default state directory: $RUNY_STATE_DIR, else /var/lib/runy for
// root, else $XDG_STATE_HOME/runy, else ~/.local/state/runy.
std::string DefaultStateDir();

// Writes `content` to `path` so that a crash or power cut at any moment
// leaves either the old file or the new one: write `path.new`, fsync it,
// rename it over `path`, fsync the directory.
absl::Status WriteFileAtomically(const std::string& path,
                                 absl::string_view content);

// The non-empty lines of `path`; none when it does not exist.
std::vector<std::string> ReadLines(const std::string& path);

// The non-empty lines of `path` that are `valid`; each other one is logged
// as ignored ("PATH:LINE: ignored: not WHAT"), so that a damaged file costs
// its damaged lines only.
std::vector<std::string> ReadEntries(
    const std::string& path, absl::FunctionRef<bool(absl::string_view)> valid,
    absl::string_view what);

// The content of a file of `lines`, one entry a line.
std::string FormatLines(const std::vector<std::string>& lines);

}  // namespace runy

#endif  // RUNY_COMMON_STATE_FILE_H_

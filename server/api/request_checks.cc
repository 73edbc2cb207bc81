#include "server/api/request_checks.h"

#include <climits>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/names.h"

namespace runy::api {
namespace {

// `text` as it may appear in an error: escaped, and at most 64 bytes of it.
std::string Quoted(absl::string_view text) {
  constexpr size_t kShown = 64;
  std::string shown = absl::CHexEscape(text.substr(0, kShown));
  if (text.size() > kShown) {
    absl::StrAppend(&shown, "... (", text.size(), " bytes)");
  }
  return absl::StrCat("\"", shown, "\"");
}

absl::Status CheckCount(absl::string_view field, int count) {
  if (count <= kMaxTargets) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      field, ": ", count, " entries; at most ", kMaxTargets, " a request"));
}

}  // namespace

absl::Status CheckNames(
    absl::string_view field,
    const google::protobuf::RepeatedPtrField<std::string>& names) {
  if (absl::Status s = CheckCount(field, names.size()); !s.ok()) return s;
  for (int i = 0; i < names.size(); ++i) {
    if (IsValidName(names[i])) continue;
    return absl::InvalidArgumentError(absl::StrCat(
        field, "[", i, "]: ", Quoted(names[i]),
        " is not a name: names are 1 to 128 letters, digits, '.', '_' and "
        "'-', starting with a letter or digit"));
  }
  return absl::OkStatus();
}

absl::Status CheckFiles(
    absl::string_view field,
    const google::protobuf::RepeatedPtrField<std::string>& files) {
  if (absl::Status s = CheckCount(field, files.size()); !s.ok()) return s;
  for (int i = 0; i < files.size(); ++i) {
    const std::string& file = files[i];
    absl::string_view why;
    if (file.empty() || file[0] != '/') {
      why = "is not an absolute path";
    } else if (file.size() >= PATH_MAX) {
      why = "is longer than PATH_MAX";
    } else if (file.find('\0') != std::string::npos) {
      why = "holds a NUL byte";
    } else {
      continue;
    }
    return absl::InvalidArgumentError(
        absl::StrCat(field, "[", i, "]: ", Quoted(file), " ", why));
  }
  return absl::OkStatus();
}

absl::Status CheckLogsRequest(const v1::LogsRequest& request) {
  if (absl::Status s = CheckNames("targets", request.targets()); !s.ok()) {
    return s;
  }
  if (request.tail() < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("tail: ", request.tail(), " is negative"));
  }
  for (int stream : request.streams()) {
    if (!v1::LogStream_IsValid(stream)) {
      return absl::InvalidArgumentError(
          absl::StrCat("streams: ", stream, " is not a LogStream"));
    }
  }
  return absl::OkStatus();
}

}  // namespace runy::api

// Fuzz target of the lowering: tokenizer, parser, scope analysis and the
// lowering itself, on arbitrary bytes as a service file. Any input must end
// in lowered source or a SyntaxError: a crash, a sanitizer report or a hang
// (libFuzzer's -timeout) is a bug. Built as the coverage-guided libFuzzer
// binary (scripts/fuzz) and as a replay of the kept inputs (ctest).
#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "server/script/lowering/lower.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  runy::script::LowerOptions options;
  options.module_scope = true;  // as runyd loads service files
  options.memory_limit = size_t{64} << 20;
  auto lowered = runy::script::Lower(
      absl::string_view(reinterpret_cast<const char*>(data), size), "fuzz.js",
      options);
  (void)lowered;
  return 0;
}

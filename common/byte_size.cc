#include "common/byte_size.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/strip.h"

namespace runy {

bool ParseByteSize(absl::string_view text, uint64_t* bytes) {
  std::string upper = absl::AsciiStrToUpper(text);
  absl::string_view rest = upper;
  if (!absl::ConsumeSuffix(&rest, "IB")) absl::ConsumeSuffix(&rest, "B");
  uint64_t unit = 1;
  if (absl::ConsumeSuffix(&rest, "K")) {
    unit = 1ull << 10;
  } else if (absl::ConsumeSuffix(&rest, "M")) {
    unit = 1ull << 20;
  } else if (absl::ConsumeSuffix(&rest, "G")) {
    unit = 1ull << 30;
  }
  uint64_t number = 0;
  if (!absl::SimpleAtoi(rest, &number)) return false;
  if (number > UINT64_MAX / unit) return false;
  *bytes = number * unit;
  return true;
}

}  // namespace runy

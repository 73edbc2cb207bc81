// Sizes written by people: "10M", "512K", "1G", "4096".
#ifndef RUNY_COMMON_BYTE_SIZE_H_
#define RUNY_COMMON_BYTE_SIZE_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace runy {

// Accepts a number with an optional K, M or G suffix (powers of 1024, an
// optional trailing B or iB). False on anything else or on overflow.
bool ParseByteSize(absl::string_view text, uint64_t* bytes);

}  // namespace runy

#endif  // RUNY_COMMON_BYTE_SIZE_H_

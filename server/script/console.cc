#include "server/script/console.h"

#include <string>

#include "server/script/native.h"
#include "spdlog/spdlog.h"

namespace runy::script {
namespace {

// Duktape keeps strings in CESU-8: a non-BMP character is two 3-byte
// surrogates. Writes UTF-8 instead (4 bytes), lone surrogates as U+FFFD,
// like node.
bool IsSurrogate(std::string_view s, size_t i, unsigned char lo,
                 unsigned char hi) {
  return i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xED &&
         static_cast<unsigned char>(s[i + 1]) >= lo &&
         static_cast<unsigned char>(s[i + 1]) <= hi;
}

unsigned SurrogateValue(std::string_view s, size_t i) {
  return 0xD000u | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
         (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
}

std::string CesuToUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (IsSurrogate(s, i, 0xA0, 0xAF) && IsSurrogate(s, i + 3, 0xB0, 0xBF)) {
      unsigned cp = 0x10000u + ((SurrogateValue(s, i) - 0xD800u) << 10) +
                    (SurrogateValue(s, i + 3) - 0xDC00u);
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      i += 6;
    } else if (IsSurrogate(s, i, 0xA0, 0xBF)) {
      out.append("\xEF\xBF\xBD");
      i += 3;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

// I.write(level, text).
duk_ret_t Write(duk_context* ctx) {
  auto* sink = static_cast<const ConsoleSink*>(NativeSelf(ctx));
  duk_int_t level = duk_to_int(ctx, 0);
  duk_size_t len = 0;
  const char* text = duk_safe_to_lstring(ctx, 1, &len);
  if (level < 0 || level > static_cast<duk_int_t>(ConsoleLevel::kError)) {
    level = static_cast<duk_int_t>(ConsoleLevel::kLog);
  }
  if (sink == nullptr || !*sink) return 0;
  std::string_view view(text, len);
  if (view.find('\xED') == std::string_view::npos) {
    (*sink)(static_cast<ConsoleLevel>(level), view);
  } else {
    // No Duktape call until `utf8` is gone: it must not be longjmp'd over.
    std::string utf8 = CesuToUtf8(view);
    (*sink)(static_cast<ConsoleLevel>(level), utf8);
  }
  return 0;
}

}  // namespace

const char* ConsoleLevelName(ConsoleLevel level) {
  switch (level) {
    case ConsoleLevel::kDebug:
      return "debug";
    case ConsoleLevel::kInfo:
      return "info";
    case ConsoleLevel::kLog:
      return "log";
    case ConsoleLevel::kWarn:
      return "warn";
    case ConsoleLevel::kError:
      return "error";
  }
  return "log";
}

ConsoleSink SpdlogConsoleSink() {
  return [](ConsoleLevel level, std::string_view text) {
    switch (level) {
      case ConsoleLevel::kDebug:
        spdlog::debug("[js] {}", text);
        break;
      case ConsoleLevel::kWarn:
        spdlog::warn("[js] {}", text);
        break;
      case ConsoleLevel::kError:
        spdlog::error("[js] {}", text);
        break;
      default:
        spdlog::info("[js] {}", text);
        break;
    }
  };
}

void InstallConsoleNatives(duk_context* ctx, duk_idx_t obj_idx,
                           const ConsoleSink* sink) {
  PutNativeFunction(ctx, obj_idx, "write", &Write, 2,
                    const_cast<ConsoleSink*>(sink));
}

}  // namespace runy::script

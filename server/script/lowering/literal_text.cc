#include "server/script/lowering/literal_text.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace runy::script {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool AllHex(absl::string_view s) {
  for (char c : s) {
    if (HexValue(c) < 0) return false;
  }
  return !s.empty();
}

// ES5 escapes for a code point: \uXXXX, or a surrogate pair.
std::string CodePointEscape(uint32_t cp) {
  if (cp < 0x10000) return absl::StrFormat("\\u%04x", cp);
  cp -= 0x10000;
  return absl::StrFormat("\\u%04x\\u%04x", 0xD800 + (cp >> 10),
                         0xDC00 + (cp & 0x3FF));
}

// Parses the `\u{...}` escape whose `{` is at raw[i]; on success appends its
// ES5 form and returns the index of the `}`, else -1.
int BracedUnicodeEscape(absl::string_view raw, size_t i, std::string* out) {
  size_t close = raw.find('}', i);
  if (close == absl::string_view::npos) return -1;
  absl::string_view digits = raw.substr(i + 1, close - i - 1);
  if (!AllHex(digits)) return -1;
  uint32_t cp = 0;
  for (char c : digits) {
    cp = cp * 16 + HexValue(c);
    if (cp > 0x10FFFF) return -1;
  }
  out->append(CodePointEscape(cp));
  return static_cast<int>(close);
}

class TemplateCooker {
 public:
  TemplateCooker(absl::string_view raw, const SourceFile& file, int offset)
      : raw_(raw), file_(file), offset_(offset) {
    pieces_.emplace_back();
  }

  absl::StatusOr<std::vector<std::string>> Cook() {
    for (size_t i = 0; i < raw_.size();) {
      if (int len = LineTerminatorLength(raw_, i); len > 0) {
        // CR and CRLF are cooked as LF; U+2028/9 keep their value.
        pieces_.back().append(
            len == 3 ? (raw_[i + 2] == '\xA8' ? "\\u2028" : "\\u2029") : "\\n");
        pieces_.emplace_back();
        i += len;
      } else if (raw_[i] == '\\') {
        auto next = Escape(i);
        if (!next.ok()) return next.status();
        i = *next;
      } else {
        AppendChar(raw_[i]);
        ++i;
      }
    }
    return std::move(pieces_);
  }

 private:
  void AppendChar(char c) {
    std::string& piece = pieces_.back();
    if (c == '"' || c == '\\') {
      piece.push_back('\\');
      piece.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      piece.append(absl::StrFormat("\\x%02x", static_cast<unsigned char>(c)));
    } else {
      piece.push_back(c);
    }
  }

  absl::Status Bad(size_t i, absl::string_view what) {
    return file_.Error(offset_ + static_cast<int>(i), what);
  }

  // Handles the escape at raw_[i] == '\\'; returns the index after it.
  absl::StatusOr<size_t> Escape(size_t i) {
    std::string& piece = pieces_.back();
    if (i + 1 >= raw_.size()) return Bad(i, "invalid escape sequence");
    char c = raw_[i + 1];
    if (int len = LineTerminatorLength(raw_, i + 1); len > 0) {
      // A line continuation: no text, but the source line still ends.
      pieces_.emplace_back();
      return i + 1 + len;
    }
    if (c == 'n' || c == 't' || c == 'r' || c == 'b' || c == 'f' || c == 'v') {
      piece.push_back('\\');
      piece.push_back(c);
      return i + 2;
    }
    if (c >= '0' && c <= '9') {
      if (c == '0' &&
          !(i + 2 < raw_.size() && raw_[i + 2] >= '0' && raw_[i + 2] <= '9')) {
        piece.append("\\x00");
        return i + 2;
      }
      return Bad(i, "octal escape sequences are not allowed in templates");
    }
    if (c == 'x') {
      if (!AllHex(raw_.substr(i + 2, 2)) || i + 4 > raw_.size()) {
        return Bad(i, "invalid hexadecimal escape sequence");
      }
      absl::StrAppend(&piece, raw_.substr(i, 4));
      return i + 4;
    }
    if (c == 'u') {
      if (i + 2 < raw_.size() && raw_[i + 2] == '{') {
        int close = BracedUnicodeEscape(raw_, i + 2, &piece);
        if (close < 0) return Bad(i, "invalid Unicode escape sequence");
        return static_cast<size_t>(close) + 1;
      }
      if (i + 6 > raw_.size() || !AllHex(raw_.substr(i + 2, 4))) {
        return Bad(i, "invalid Unicode escape sequence");
      }
      absl::StrAppend(&piece, raw_.substr(i, 6));
      return i + 6;
    }
    // Any other escaped character stands for itself (a whole UTF-8 sequence
    // when it is not ASCII).
    size_t j = i + 2;
    while (j < raw_.size() &&
           (static_cast<unsigned char>(raw_[j]) & 0xC0) == 0x80) {
      ++j;
    }
    for (size_t k = i + 1; k < j; ++k) AppendChar(raw_[k]);
    return j;
  }

  absl::string_view raw_;
  const SourceFile& file_;
  int offset_;
  std::vector<std::string> pieces_;
};

}  // namespace

absl::StatusOr<std::vector<std::string>> CookTemplateText(
    absl::string_view raw, const SourceFile& file, int offset) {
  return TemplateCooker(raw, file, offset).Cook();
}

absl::StatusOr<std::string> StringLiteralToEs5(absl::string_view raw,
                                               const SourceFile& file,
                                               int offset) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\' || i + 1 >= raw.size()) {
      out.push_back(raw[i]);
      continue;
    }
    if (raw[i + 1] == 'u' && i + 2 < raw.size() && raw[i + 2] == '{') {
      int close = BracedUnicodeEscape(raw, i + 2, &out);
      if (close < 0) {
        return file.Error(offset + static_cast<int>(i),
                          "invalid Unicode escape sequence");
      }
      i = static_cast<size_t>(close);
      continue;
    }
    out.push_back(raw[i]);
    out.push_back(raw[++i]);
  }
  return out;
}

namespace {

// A group's name is an identifier, written with \u escapes or not. Beyond
// ASCII only what no identifier holds is refused (lone surrogates).
bool IsGroupName(absl::string_view name) {
  if (name.empty()) return false;
  bool first = true;
  for (size_t i = 0; i < name.size(); first = false) {
    uint32_t cp;
    if (name[i] == '\\') {
      if (name.substr(i, 2) != "\\u") return false;
      cp = 0;
      size_t p = i + 2;
      size_t end;
      if (name.substr(p, 1) == "{") {
        end = name.find('}', p);
        if (end == absl::string_view::npos || end == p + 1) return false;
        ++p;
      } else {
        end = p + 4;
        if (end > name.size()) return false;
      }
      for (; p < end; ++p) {
        if (!absl::ascii_isxdigit(name[p]) || cp > 0x10FFFF) return false;
        cp = cp * 16 + (absl::ascii_isdigit(name[p])
                            ? name[p] - '0'
                            : (name[p] | 0x20) - 'a' + 10);
      }
      i = name.substr(i + 2, 1) == "{" ? end + 1 : end;
      if (cp >= 0xD800 && cp <= 0xDBFF && name.substr(i, 2) == "\\u") {
        // A surrogate pair of two escapes is one character.
        uint32_t low = 0;
        if (i + 6 > name.size()) return false;
        for (size_t k = i + 2; k < i + 6; ++k) {
          if (!absl::ascii_isxdigit(name[k])) return false;
          low = low * 16 + (absl::ascii_isdigit(name[k])
                                ? name[k] - '0'
                                : (name[k] | 0x20) - 'a' + 10);
        }
        if (low < 0xDC00 || low > 0xDFFF) return false;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 6;
      }
    } else {
      cp = static_cast<unsigned char>(name[i]);
      if (cp >= 0x80) {
        // One UTF-8 sequence, judged as a whole.
        ++i;
        while (i < name.size() && (name[i] & 0xC0) == 0x80) ++i;
        continue;
      }
      ++i;
    }
    if (cp < 0x80) {
      bool start = absl::ascii_isalpha(cp) || cp == '$' || cp == '_';
      if (!(start || (!first && absl::ascii_isdigit(cp)))) return false;
    } else if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF ||
               (first && (cp == 0x200C || cp == 0x200D))) {
      return false;
    }
  }
  return true;
}

}  // namespace

RegExpTranslation TranslateRegExp(absl::string_view body,
                                  absl::string_view flags) {
  RegExpTranslation result;
  bool dot_all = flags.find('s') != absl::string_view::npos;
  bool sticky = flags.find('y') != absl::string_view::npos;
  auto fail = [&result](size_t at, const char* message) {
    result.error = message;
    result.error_at = static_cast<int>(at);
    return result;
  };
  // Pass 1: the named groups and their numbers.
  int groups = 0;
  bool in_class = false;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\\') {
      ++i;
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
    } else if (c == '(') {
      if (body.substr(i, 4) == "(?<=" || body.substr(i, 4) == "(?<!") {
        return fail(i,
                    "lookbehind assertions in regular expressions are not "
                    "supported");
      }
      if (body.substr(i, 3) == "(?<") {
        size_t end = body.find('>', i);
        if (end == absl::string_view::npos) {
          return fail(i, "Invalid capture group name");
        }
        std::string name(body.substr(i + 3, end - i - 3));
        if (!IsGroupName(name)) return fail(i, "Invalid capture group name");
        for (const auto& [known, index] : result.names) {
          if (known == name) return fail(i, "Duplicate capture group name");
        }
        result.names.emplace_back(std::move(name), ++groups);
      } else if (body.substr(i, 2) != "(?") {
        ++groups;
      }
    }
  }
  result.translated = dot_all || sticky || !result.names.empty();
  if (!result.translated) return result;
  // Pass 2: the ES5 pattern.
  std::string& out = result.pattern;
  in_class = false;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\\' && i + 1 < body.size()) {
      if (!in_class && body[i + 1] == 'k' && !result.names.empty() &&
          body.substr(i + 2, 1) != "<") {
        return fail(i, "Invalid named reference");
      }
      if (!in_class && body[i + 1] == 'k' && !result.names.empty()) {
        size_t end = body.find('>', i);
        std::string name(body.substr(i + 3, end - i - 3));
        int index = -1;
        for (const auto& [known, n] : result.names) {
          if (known == name) index = n;
        }
        if (index < 0 || end == absl::string_view::npos) {
          return fail(i, "Invalid named capture referenced");
        }
        absl::StrAppend(&out, "(?:\\", index, ")");
        i = end;
        continue;
      }
      out.append(body.data() + i, 2);
      ++i;
    } else if (in_class) {
      in_class = c != ']';
      out.push_back(c);
    } else if (c == '[') {
      in_class = true;
      out.push_back(c);
    } else if (c == '(' && body.substr(i, 3) == "(?<") {
      out.push_back('(');
      i = body.find('>', i);
    } else if (c == '.' && dot_all) {
      out.append("[\\s\\S]");
    } else {
      out.push_back(c);
    }
  }
  // Sticky: a global regexp whose exec (js/regexp.js) accepts a match only
  // at lastIndex.
  bool global = flags.find('g') != absl::string_view::npos;
  for (char f : flags) {
    if (f == 'y') {
      if (!global) result.flags.push_back('g');
    } else if (f != 's') {
      result.flags.push_back(f);
    }
  }
  return result;
}

absl::StatusOr<std::string> RegExpToEs5(absl::string_view raw,
                                        const SourceFile& file, int offset) {
  size_t close = raw.rfind('/');
  absl::string_view body = raw.substr(1, close - 1);
  absl::string_view flags = raw.substr(close + 1);
  RegExpTranslation es5 = TranslateRegExp(body, flags);
  if (!es5.error.empty()) {
    return file.Error(offset + 1 + es5.error_at, es5.error);
  }
  if (!es5.translated) return std::string(raw);
  std::string source;
  for (char c : body) {
    if (c == '\\' || c == '"') source.push_back('\\');
    source.push_back(c);
  }
  std::string list;
  for (const auto& [name, index] : es5.names) {
    absl::StrAppend(&list, list.empty() ? "" : ", ", "\"", name, "\", ", index);
  }
  return absl::StrCat("__runy.regexp(/", es5.pattern, "/", es5.flags, ", \"",
                      source, "\", \"", flags, "\", ",
                      es5.names.empty() ? "null" : absl::StrCat("[", list, "]"),
                      ")");
}

std::string CanonicalIdentifier(absl::string_view raw) {
  std::string out;
  for (size_t i = 0; i < raw.size();) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    uint32_t cp = c;
    if (c == '\\' && i + 1 < raw.size() && raw[i + 1] == 'u') {
      size_t digits_start = i + 2;
      size_t digits_end;
      if (digits_start < raw.size() && raw[digits_start] == '{') {
        digits_end = raw.find('}', digits_start);
        if (digits_end == absl::string_view::npos) digits_end = raw.size();
        ++digits_start;
        i = digits_end + 1;
      } else {
        digits_end = std::min(raw.size(), digits_start + 4);
        i = digits_end;
      }
      cp = 0;
      for (size_t k = digits_start; k < digits_end; ++k) {
        cp = cp * 16 + std::max(0, HexValue(raw[k]));
      }
    } else if (c >= 0x80) {
      // UTF-8.
      int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      cp = c & (0x7F >> length);
      for (int k = 1; k < length && i + k < raw.size(); ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(raw[i + k]) & 0x3F);
      }
      i += length;
    } else {
      ++i;
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else {
      out.append(CodePointEscape(cp));
    }
  }
  return out;
}

std::string NumberToEs5(absl::string_view with_separators) {
  std::string stripped = absl::StrReplaceAll(with_separators, {{"_", ""}});
  absl::string_view raw = stripped;
  if (raw.size() < 3 || raw[0] != '0') return std::string(raw);
  char base = raw[1] | 0x20;
  if (base != 'b' && base != 'o') return std::string(raw);
  int bits_per_digit = base == 'b' ? 1 : 3;
  std::string bits;
  for (char c : raw.substr(2)) {
    int v = c - '0';
    for (int b = bits_per_digit - 1; b >= 0; --b) {
      bits.push_back((v >> b) & 1 ? '1' : '0');
    }
  }
  size_t first_one = bits.find('1');
  if (first_one == std::string::npos) return "0x0";
  bits = bits.substr(first_one);
  bits.insert(0, (4 - bits.size() % 4) % 4, '0');
  std::string hex = "0x";
  for (size_t i = 0; i < bits.size(); i += 4) {
    int v = (bits[i] - '0') * 8 + (bits[i + 1] - '0') * 4 +
            (bits[i + 2] - '0') * 2 + (bits[i + 3] - '0');
    hex.push_back("0123456789abcdef"[v]);
  }
  return hex;
}

}  // namespace runy::script

// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// The text toolkit, shared by every area of the library (and by the tool): a value quoted for a
// message, JSON-pointer tokens (RFC 6901), hex digits, percent-decoding (RFC 3986), UTF-8 encoding
// and joined lists. Messages are built from these and nothing else, so that one value is shown one
// way wherever it appears; where areas show values differently (limits, marks), the difference is
// a parameter (`quoting`), not a copy.
#ifndef SEEDANCE_DETAIL_TEXT_HPP
#define SEEDANCE_DETAIL_TEXT_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

namespace seedance::detail::text {

// --- quoting a value for a message --------------------------------------------------------------

/// What quote() does with a byte that would not read well inside the quotes.
enum class unprintable : std::uint8_t {
  kept,           ///< every byte as it is
  question_mark,  ///< control bytes (below 0x20, and 0x7F) as '?'
  hex_escape      ///< control bytes, '"' and '\\' as "\xHH" (upper-case hex)
};

/// How a value is quoted: its mark, how many bytes are shown before "..." cuts it, what becomes of
/// unprintable bytes, and whether a cut value is followed by its size (" (100 bytes)").
struct quoting {
  char mark = '"';
  std::size_t max = 80;
  unprintable bytes = unprintable::hex_escape;
  bool byte_count = false;
};

/// The validator's: a request's value (a prompt, a URL, a name), up to 80 bytes, escaped, sized.
inline constexpr quoting request_value{'"', 80, unprintable::hex_escape, true};
/// The pricing loader's: a feed's text, up to 40 bytes, control bytes as '?'.
inline constexpr quoting feed_value{'"', 40, unprintable::question_mark, false};
/// The URL parser's: a part of a URL in single quotes, up to 64 bytes, as it is.
inline constexpr quoting url_part{'\'', 64, unprintable::kept, false};
/// A short name the library chose or read (a box type, a media type, a key) in single quotes, whole.
inline constexpr quoting name{'\'', static_cast<std::size_t>(-1), unprintable::kept, false};
/// A field name the library asks for (a feed's key) in double quotes, whole.
inline constexpr quoting field_name{'"', static_cast<std::size_t>(-1), unprintable::kept, false};

/// `c` (0..15) as a hex digit.
[[nodiscard]] constexpr char hex_digit(unsigned c, bool upper = false) noexcept {
  return (upper ? "0123456789ABCDEF" : "0123456789abcdef")[c & 0xFU];
}

/// The two hex digits of a byte: "0a" (or "0A").
[[nodiscard]] inline std::string hex2(unsigned char b, bool upper = false) {
  return std::string{hex_digit(b >> 4U, upper), hex_digit(b, upper)};
}

/// A byte as "0x0a".
[[nodiscard]] inline std::string hex_byte(unsigned char b) { return "0x" + hex2(b); }

/// `s` between `q.mark`s, at most `q.max` bytes of it ("..." before the closing mark when it is
/// cut), unprintable bytes as `q.bytes` says, and " (N bytes)" after a cut value when
/// `q.byte_count`.
[[nodiscard]] inline std::string quote(std::string_view s, const quoting& q) {
  const std::size_t n = s.size() < q.max ? s.size() : q.max;
  std::string out;
  out.reserve(n + 5);
  out += q.mark;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[i];
    const auto u = static_cast<unsigned char>(c);
    const bool control = u < 0x20 || u == 0x7F;
    if (q.bytes == unprintable::question_mark && control) {
      out += '?';
    } else if (q.bytes == unprintable::hex_escape && (control || c == '"' || c == '\\')) {
      out += "\\x";
      out += hex2(u, /*upper=*/true);
    } else {
      out += c;
    }
  }
  if (s.size() > n) out += "...";
  out += q.mark;
  if (q.byte_count && s.size() > n) out += " (" + std::to_string(s.size()) + " bytes)";
  return out;
}

/// At most `max` bytes of `s`, unquoted, with "..." when it is cut.
[[nodiscard]] inline std::string shorten(std::string_view s, std::size_t max) {
  return s.size() <= max ? std::string(s) : std::string(s.substr(0, max)) + "...";
}

// --- JSON pointers (RFC 6901) --------------------------------------------------------------------

/// `key` as a reference token: '~' as "~0", '/' as "~1", appended to `out`.
inline void append_pointer_token(std::string& out, std::string_view key) {
  if (std::none_of(key.begin(), key.end(), [](char c) { return c == '~' || c == '/'; })) {  // the usual key: nothing to escape
    out += key;
    return;
  }
  for (const char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
}

/// `key` as a reference token: "a/b" -> "a~1b".
[[nodiscard]] inline std::string pointer_token(std::string_view key) {
  std::string out;
  append_pointer_token(out, key);
  return out;
}

// --- percent-decoding (RFC 3986) ------------------------------------------------------------------

constexpr bool is_hex(char c) noexcept { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
/// The value of a hex digit (`is_hex(c)` must hold).
constexpr unsigned hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  return static_cast<unsigned>(c - 'A' + 10);
}

/// Percent-decodes `s`, calling `f(byte)`: "%XX" with two hex digits is one byte, anything else
/// (a '%' without two hex digits after it too) is itself.
template <class F>
constexpr void percent_decode_each(std::string_view s, F&& f) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && is_hex(s[i + 1]) && is_hex(s[i + 2])) {
      f(static_cast<char>((hex_value(s[i + 1]) << 4U) | hex_value(s[i + 2])));
      i += 2;
    } else {
      f(s[i]);
    }
  }
}

/// Percent-decodes `s` into `out` (appended).
inline void percent_decode(std::string_view s, std::string& out) {
  if (s.find('%') == std::string_view::npos) {
    out.append(s);
    return;
  }
  out.reserve(out.size() + s.size());
  percent_decode_each(s, [&](char c) { out += c; });
}

/// Percent-decodes `s`.
[[nodiscard]] inline std::string percent_decoded(std::string_view s) {
  std::string out;
  percent_decode(s, out);
  return out;
}

// --- UTF-8 ----------------------------------------------------------------------------------------

/// Appends the UTF-8 encoding of `cp` to `out` (decoding is detail/utf8.hpp's `for_each_code_point`).
inline void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// --- lists ----------------------------------------------------------------------------------------

/// The items of a range of strings, with `sep` between them: "a, b, c".
template <class Items>
[[nodiscard]] std::string join(const Items& items, std::string_view sep) {
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += sep;
    out += std::string_view(item);
    first = false;
  }
  return out;
}

/// "a", "a and b", "a, b and c".
template <class Items>
[[nodiscard]] std::string join_and(const Items& items) {
  std::string out;
  const std::size_t n = std::size(items);
  std::size_t i = 0;
  for (const auto& item : items) {
    if (i) out += i + 1 == n ? " and " : ", ";
    out += std::string_view(item);
    ++i;
  }
  return out;
}

}  // namespace seedance::detail::text

#endif  // SEEDANCE_DETAIL_TEXT_HPP

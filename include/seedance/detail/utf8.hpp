// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// UTF-8 decoding and repair, shared by the validator (prompt counts) and the report (every message
// and path it holds is valid UTF-8, so that its JSON rendering can never throw).
#ifndef SEEDANCE_DETAIL_UTF8_HPP
#define SEEDANCE_DETAIL_UTF8_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace seedance::detail {

/// Decodes UTF-8, calling `f(code_point)`; returns false (and stops) at the first invalid sequence:
/// overlong forms, surrogates and code points above U+10FFFF are invalid.
template <class F>
constexpr bool for_each_code_point(std::string_view s, F&& f) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const auto cont = [](unsigned char b) { return (b & 0xC0u) == 0x80u; };
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const unsigned char b0 = byte(i);
    if (b0 < 0x80) {  // ASCII
      f(static_cast<char32_t>(b0));
      ++i;
      continue;
    }
    // One explicit path per length: no loop-carried shifts (CJK text is all 3-byte sequences).
    if (b0 >= 0xE0 && b0 <= 0xEF) {
      if (n - i < 3 || !cont(byte(i + 1)) || !cont(byte(i + 2))) return false;
      const char32_t cp = (static_cast<char32_t>(b0 & 0x0Fu) << 12) | (static_cast<char32_t>(byte(i + 1) & 0x3Fu) << 6) |
                          static_cast<char32_t>(byte(i + 2) & 0x3Fu);
      if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return false;  // overlong, surrogate
      f(cp);
      i += 3;
    } else if (b0 >= 0xC2 && b0 <= 0xDF) {  // 0xC0, 0xC1 would be overlong
      if (n - i < 2 || !cont(byte(i + 1))) return false;
      f((static_cast<char32_t>(b0 & 0x1Fu) << 6) | static_cast<char32_t>(byte(i + 1) & 0x3Fu));
      i += 2;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      if (n - i < 4 || !cont(byte(i + 1)) || !cont(byte(i + 2)) || !cont(byte(i + 3))) return false;
      const char32_t cp = (static_cast<char32_t>(b0 & 0x07u) << 18) | (static_cast<char32_t>(byte(i + 1) & 0x3Fu) << 12) |
                          (static_cast<char32_t>(byte(i + 2) & 0x3Fu) << 6) | static_cast<char32_t>(byte(i + 3) & 0x3Fu);
      if (cp < 0x10000 || cp > 0x10FFFF) return false;  // overlong, beyond Unicode
      f(cp);
      i += 4;
    } else {
      return false;  // a continuation byte, 0xC0, 0xC1, 0xF5..0xFF
    }
  }
  return true;
}

/// Length of the longest prefix of `s` that is valid UTF-8.
constexpr std::size_t valid_utf8_prefix(std::string_view s) noexcept {
  std::size_t n = 0;
  for_each_code_point(s, [&](char32_t c) { n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; });
  return n;
}

/// `s` with every byte that does not start a valid UTF-8 sequence replaced by U+FFFD.
inline std::string to_valid_utf8(std::string s) {
  std::size_t ok = valid_utf8_prefix(s);
  if (ok == s.size()) return s;
  std::string out(s, 0, ok);
  std::string_view rest(s);
  rest.remove_prefix(ok);
  while (!rest.empty()) {
    out += "\xEF\xBF\xBD";  // U+FFFD for the offending byte
    rest.remove_prefix(1);
    ok = valid_utf8_prefix(rest);
    out.append(rest.substr(0, ok));
    rest.remove_prefix(ok);
  }
  return out;
}

}  // namespace seedance::detail

#endif  // SEEDANCE_DETAIL_UTF8_HPP

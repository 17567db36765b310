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
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    char32_t cp = 0;
    std::size_t len = 0;
    if (b0 < 0x80) {
      cp = b0;
      len = 1;
    } else if (b0 >= 0xC2 && b0 <= 0xDF) {
      cp = b0 & 0x1Fu;
      len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      cp = b0 & 0x0Fu;
      len = 3;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      cp = b0 & 0x07u;
      len = 4;
    } else {
      return false;
    }
    if (s.size() - i < len) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0u) != 0x80u) return false;
      cp = (cp << 6) | (b & 0x3Fu);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    f(cp);
    i += len;
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

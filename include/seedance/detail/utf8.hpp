// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// UTF-8 decoding and repair, shared by the validator (prompt counts) and the report (every message
// and path it holds is valid UTF-8, so that its JSON rendering can never throw).
#ifndef SEEDANCE_DETAIL_UTF8_HPP
#define SEEDANCE_DETAIL_UTF8_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
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

/// Length of the longest prefix of `s` that is ASCII: eight bytes at a time, then byte by byte.
constexpr std::size_t ascii_prefix(std::string_view s) noexcept {
  std::size_t n = 0;
  if (!std::is_constant_evaluated()) {
    for (; n + 8 <= s.size(); n += 8) {
      std::uint64_t w = 0;
      std::memcpy(&w, s.data() + n, 8);
      if ((w & 0x8080808080808080ULL) != 0) break;
    }
  }
  while (n < s.size() && static_cast<unsigned char>(s[n]) < 0x80) ++n;
  return n;
}

/// Whether `s` is valid UTF-8 (the same verdict as `for_each_code_point`), without decoding: eight
/// ASCII bytes at a time, then the byte ranges of RFC 3629's table (Unicode's Table 3-7).
constexpr bool is_valid_utf8(std::string_view s) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const auto in = [](unsigned char b, unsigned lo, unsigned hi) { return b >= lo && b <= hi; };
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char b0 = byte(i);
    if (b0 < 0x80) {
      i += ascii_prefix(s.substr(i));  // in ASCII text, eight bytes at a time
    } else if ((b0 & 0xF0u) == 0xE0u) {  // 3 bytes (CJK) first: the common case after ASCII
      if (n - i < 3) return false;
      const unsigned b1 = byte(i + 1), b2 = byte(i + 2);
      if (((b1 & 0xC0u) != 0x80u) || ((b2 & 0xC0u) != 0x80u)) return false;
      if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 > 0x9F)) return false;  // overlong, surrogates
      i += 3;
    } else if (in(b0, 0xC2, 0xDF)) {
      if (n - i < 2 || !in(byte(i + 1), 0x80, 0xBF)) return false;
      i += 2;
    } else if (in(b0, 0xF0, 0xF4)) {
      if (n - i < 4) return false;
      const unsigned lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;  // overlong, over U+10FFFF
      if (!in(byte(i + 1), lo, hi) || !in(byte(i + 2), 0x80, 0xBF) || !in(byte(i + 3), 0x80, 0xBF)) return false;
      i += 4;
    } else {
      return false;  // a continuation byte, 0xC0, 0xC1, 0xF5..0xFF
    }
  }
  return true;
}

/// Whether every code point of `s`, which must be valid UTF-8, satisfies `pred`: decoding stops at
/// the first that does not.
template <class P>
constexpr bool all_code_points(std::string_view s, P&& pred) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    const std::size_t len = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
    if (s.size() - i < len) return false;  // not valid UTF-8 after all
    char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1Fu) : len == 3 ? (b0 & 0x0Fu) : (b0 & 0x07u);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    if (!pred(cp)) return false;
    i += len;
  }
  return true;
}

/// Length of the longest prefix of `s` that is valid UTF-8.
constexpr std::size_t valid_utf8_prefix(std::string_view s) noexcept {
  std::size_t n = ascii_prefix(s);  // ASCII (a path, a key, most messages): no decoding
  if (n == s.size()) return n;
  for_each_code_point(s.substr(n), [&](char32_t c) { n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; });
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

/// The same in place: nothing moves when `s` is valid (the usual case).
inline void make_valid_utf8(std::string& s) {
  if (valid_utf8_prefix(s) != s.size()) s = to_valid_utf8(std::move(s));
}

}  // namespace seedance::detail

#endif  // SEEDANCE_DETAIL_UTF8_HPP

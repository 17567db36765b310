// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Checks of JSON text made before nlohmann/json parses it (validation, pricing feeds, responses):
// a nesting bound (nlohmann parses any depth, and builds a value for each level), and NUL bytes
// (nlohmann's lexer takes a NUL for the end of the input, so `{...}\0garbage` would parse as
// `{...}`; JSON text cannot hold one: RFC 8259 allows no control character outside strings, and
// strings must escape it). Standard library only.
#ifndef SEEDANCE_DETAIL_JSON_TEXT_HPP
#define SEEDANCE_DETAIL_JSON_TEXT_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace seedance::detail {

/// The offset of the '[' or '{' that opens a level of nesting deeper than `max_depth`, or npos.
/// Linear, allocates nothing, skips strings (with their escapes); ignores everything else, so it
/// may be fooled only by text that is not JSON anyway.
constexpr std::size_t nesting_overflow(std::string_view t, std::size_t max_depth) noexcept {
  std::size_t depth = 0;
  const std::size_t n = t.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char c = t[i];
    if (c == '"') {
      for (++i; i < n && t[i] != '"'; ++i)
        if (t[i] == '\\') ++i;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

/// The offset of the first NUL byte of `t`, or npos.
inline std::size_t nul_offset(std::string_view t) noexcept { return t.find('\0'); }

/// Why text with a NUL byte at `offset` is not JSON, in words (the caller adds where).
inline std::string nul_reason(std::size_t offset) {
  std::string s = "a NUL byte at byte offset " + std::to_string(offset) +
                  ": JSON text cannot hold one (a string must escape it as \\u0000), and a parser that stops there "
                  "would ignore what follows";
  if (offset < 4) s += "; a text with NUL bytes at its start is often UTF-16 or UTF-32, and JSON here must be UTF-8";
  return s;
}

}  // namespace seedance::detail

#endif  // SEEDANCE_DETAIL_JSON_TEXT_HPP

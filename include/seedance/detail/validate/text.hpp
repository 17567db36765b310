// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/validate.hpp> (include that, not this header): character classes, pointers, numbers and edit distance for messages
// (quoting and lists are the text toolkit's, detail/text.hpp).
#ifndef SEEDANCE_VALIDATE_HPP
#error "include <seedance/validate.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_VALIDATE_TEXT_HPP
#define SEEDANCE_DETAIL_VALIDATE_TEXT_HPP

namespace seedance::detail::validate {

// --- small text helpers -------------------------------------------------------------------------

/// Unicode's White_Space property (PropList.txt): the only characters that separate runs of text
/// for the token bound, and the only ones a blank prompt may hold.
constexpr bool is_white_space(char32_t c) noexcept {
  if (c < 0x80) return c == 0x20 || (c >= 0x09 && c <= 0x0D);  // the common cases first
  if (c > 0x3000) return false;                                  // CJK and beyond
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

/// Invisible format characters (zero-width space, joiners, word joiner, BOM): not White_Space, so
/// they neither make a prompt blank nor separate runs (a tokenizer may merge across them), but
/// they do end a word for the recommendation's word count.
constexpr bool is_invisible_format(char32_t c) noexcept { return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF; }

/// CJK ideographs (all planes), kana, hangul, CJK symbols and punctuation, full-width forms.
constexpr bool is_cjk(char32_t c) noexcept {
  if (c < 0x1100) return false;                   // Latin, Greek, Cyrillic, ...: the common case
  if (c >= 0x4E00 && c <= 0x9FFF) return true;    // CJK Unified Ideographs: the next most common
  return (c <= 0x11FF) || (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3001 && c <= 0x303F) || (c >= 0x3040 && c <= 0x30FF) ||
         (c >= 0x3130 && c <= 0x318F) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3134F);
}

constexpr bool is_word_char(char32_t c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/// Number of code points (or of bytes, for invalid UTF-8).
inline std::size_t length_in_chars(std::string_view s) {
  std::size_t n = 0;
  return for_each_code_point(s, [&](char32_t) { ++n; }) ? n : s.size();
}

/// RFC 6901: `~` as `~0`, `/` as `~1`.
inline std::string pointer(std::string_view key) {
  std::string out;
  out.reserve(key.size() + 1);
  out += '/';
  text::append_pointer_token(out, key);
  return out;
}
/// "/parent/key" (`parent` needs no escaping), in one allocation.
inline std::string pointer_in(std::string_view parent, std::string_view key) {
  std::string out;
  out.reserve(parent.size() + key.size() + 2);
  out += '/';
  out += parent;
  out += '/';
  text::append_pointer_token(out, key);
  return out;
}

inline std::string pointer(std::string_view key, std::size_t index) {
  char digits[24];
  const char* end = std::to_chars(digits, digits + sizeof digits, index).ptr;
  std::string out;
  out.reserve(key.size() + 2 + static_cast<std::size_t>(end - digits));
  out += '/';
  text::append_pointer_token(out, key);
  out += '/';
  out.append(digits, static_cast<std::size_t>(end - digits));
  return out;
}

inline std::string number(double v, int places = 3) {
  char buf[400];  // %f of 1e308 has 309 digits
  std::snprintf(buf, sizeof buf, "%.*f", places, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

/// `v` as number() writes it, with more places (up to 9) where 3 would write it as one of the
/// `limits` it differs from: "2.50042 is outside 0.4..2.5", not "2.5 is outside 0.4..2.5".
inline std::string number_apart(double v, std::initializer_list<double> limits) {
  int places = 3;
  for (; places < 9; ++places) {
    const std::string s = number(v, places);
    bool clash = false;
    for (double l : limits) clash = clash || (v != l && s == number(l, places));
    if (!clash) return s;
  }
  return number(v, places);
}

/// The message of `invalid_url` for `s`, which parse_url_view refuses: what is wrong, in the URL
/// parser's words. Not only a missing scheme or host: the API's URLs are `format: uri` (RFC 3986),
/// so a non-ASCII byte or a '[' in a query must be percent-encoded.
inline std::string invalid_url_message(std::string_view s) {
  url_view u;
  std::string why;
  (void)parse_url_view(s, u, &why);
  return text::quote(s, text::request_value) + " is not a valid absolute URL (RFC 3986, the API's format: uri): " + why;
}

inline std::string mebibytes(std::uint64_t bytes) { return number(static_cast<double>(bytes) / static_cast<double>(mib)) + " MiB"; }

/// The longest prefix of a name that `edit_distance` looks at: bounded work per pair.
inline constexpr std::size_t edit_distance_max_length = 64;

/// Levenshtein distance, for "did you mean" (inputs are cut to 64 bytes: bounded work).
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  a = a.substr(0, edit_distance_max_length);
  b = b.substr(0, edit_distance_max_length);
  std::array<std::size_t, edit_distance_max_length + 1> prev{}, cur{};
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    prev = cur;
  }
  return prev[b.size()];
}

/// The name in `names` nearest to `s`; with `max_distance`, empty when none is that near. A name
/// whose length differs from `s`'s by more than the best distance so far (or `max_distance`) is
/// skipped without computing the distance: the distance is at least the difference of lengths.
template <class Names>
std::string_view closest(std::string_view s, const Names& names, std::size_t max_distance = static_cast<std::size_t>(-1)) {
  std::string_view best;
  std::size_t best_d = static_cast<std::size_t>(-1);
  const std::size_t ls = std::min(s.size(), edit_distance_max_length);
  for (std::string_view n : names) {
    const std::size_t ln = std::min(n.size(), edit_distance_max_length);
    const std::size_t diff = ls > ln ? ls - ln : ln - ls;
    if (diff > max_distance || (best_d != static_cast<std::size_t>(-1) && diff >= best_d)) continue;
    const std::size_t d = edit_distance(s, n);
    if (d < best_d) {
      best_d = d;
      best = n;
    }
  }
  return best_d <= max_distance ? best : std::string_view{};
}

inline bool iequals_prefix(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

}  // namespace seedance::detail::validate

#endif  // SEEDANCE_DETAIL_VALIDATE_TEXT_HPP

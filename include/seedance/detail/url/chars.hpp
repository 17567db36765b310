// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/url.hpp> (include that, not this header): character classes (quoting, hex and percent-decoding are the text
// toolkit's, detail/text.hpp).
#ifndef SEEDANCE_URL_HPP
#error "include <seedance/url.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_URL_CHARS_HPP
#define SEEDANCE_DETAIL_URL_CHARS_HPP

namespace seedance::detail::url {

constexpr bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
using text::hex_value;  // the text toolkit (detail/text.hpp)
using text::is_hex;
constexpr char to_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
/// RFC 3986's character classes as bits of one 256-entry table, so that the hot loops cost one load
/// per byte.
enum char_class : std::uint8_t {
  unreserved = 1,
  sub_delim = 2,
  gen_delim = 4,
  name_char = 8,        ///< what a plain DNS label holds: ALPHA / DIGIT / "-" / "_"
  ends_authority = 16,  ///< "/" / "?" / "#"
  path_char = 32        ///< pchar (minus pct-encoded, '%' itself included) / "/"
};
inline constexpr std::array<std::uint8_t, 256> char_classes = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    if (is_alpha(ch) || is_digit(ch)) t[static_cast<std::size_t>(c)] |= unreserved;
  }
  for (const char c : std::string_view("-._~")) t[static_cast<unsigned char>(c)] |= unreserved;
  for (const char c : std::string_view("!$&'()*+,;=")) t[static_cast<unsigned char>(c)] |= sub_delim;
  for (const char c : std::string_view(":/?#[]@")) t[static_cast<unsigned char>(c)] |= gen_delim;
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    if (is_alpha(ch) || is_digit(ch) || ch == '-' || ch == '_') t[static_cast<std::size_t>(c)] |= name_char;
    if ((t[static_cast<std::size_t>(c)] & (unreserved | sub_delim)) != 0 || ch == ':' || ch == '@' || ch == '%' || ch == '/')
      t[static_cast<std::size_t>(c)] |= path_char;
  }
  for (const char c : std::string_view("/?#")) t[static_cast<unsigned char>(c)] |= ends_authority;
  return t;
}();
constexpr bool in_class(char c, unsigned mask) noexcept { return (char_classes[static_cast<unsigned char>(c)] & mask) != 0; }
/// RFC 3986 unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~".
constexpr bool is_unreserved(char c) noexcept { return in_class(c, unreserved); }
/// RFC 3986 sub-delims: "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "=".
constexpr bool is_sub_delim(char c) noexcept { return in_class(c, sub_delim); }
/// RFC 3986 gen-delims: ":" / "/" / "?" / "#" / "[" / "]" / "@".

/// The first position at or after `from` that holds one of `Cs`, or npos. (string_view's
/// find_first_of calls memchr on the set once per byte.)
template <char... Cs>
constexpr std::size_t find_any(std::string_view s, std::size_t from = 0) noexcept {
  for (std::size_t i = from; i < s.size(); ++i)
    if (((s[i] == Cs) || ...)) return i;
  return std::string_view::npos;
}
/// pchar minus pct-encoded ('%' is checked once for the whole input).
constexpr bool is_pchar(char c) noexcept { return in_class(c, unreserved | sub_delim) || c == ':' || c == '@' || c == '%'; }
/// Query and fragment: *( pchar / "/" / "?" ).
constexpr bool is_query_char(char c) noexcept { return is_pchar(c) || c == '/' || c == '?'; }

/// Records why parsing failed: the message is built only when the caller asked for one.
template <class Message>
url_error fail(std::string* out, url_error e, Message&& message) {
  if (out) *out = message();
  return e;
}

/// Where the normalized host is written: the bytes of a url_view.
struct host_writer {
  url_view& v;
  void clear() noexcept { v.host_size = 0; }
  void put(char c) noexcept {
    if (v.host_size < v.host_bytes.size()) v.host_bytes[v.host_size++] = c;
  }
  void put(std::string_view s) noexcept {
    for (const char c : s) put(c);
  }
  void put_decimal(unsigned n) noexcept {
    char buf[10];
    std::size_t k = 0;
    do {
      buf[k++] = static_cast<char>('0' + n % 10);
      n /= 10;
    } while (n != 0);
    while (k > 0) put(buf[--k]);
  }
};

}  // namespace seedance::detail::url

#endif  // SEEDANCE_DETAIL_URL_CHARS_HPP

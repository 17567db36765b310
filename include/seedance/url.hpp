// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// The strict URL parser of the runtime validator (rules.md §2: invalid_url, url_not_public,
// callback_not_https, callback_private_host, media_extension).
//
// `parse_url` accepts an absolute RFC 3986 URI with an authority and a non-empty host, and nothing
// else; it classifies the host the way a browser would resolve it (the WHATWG URL standard's host
// parser: percent-decoding, then the IPv4 parser with its octal, hex and short forms), so that
// `is_internal_host` sees the address a fetcher would connect to. What is accepted and rejected, and
// why, is in docs/url.md. Depends only on the C++ standard library; never throws except
// std::bad_alloc; linear time in the length of the input.
#ifndef SEEDANCE_URL_HPP
#define SEEDANCE_URL_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace seedance {

/// The longest input `parse_url` accepts, in bytes (64 KiB): far above any real URL (HTTP servers
/// and CDNs refuse request lines over 8 to 64 KiB; rules.md caps callbacks at 2,048), and it bounds
/// the work and the memory of one call. Longer input is `url_error::too_long`.
inline constexpr std::size_t url_max_length = 65'536;

/// What the host of a URL is, after normalization.
enum class host_kind : std::uint8_t {
  name,  ///< a DNS name (a reg-name that is not an IPv4 address)
  ipv4,  ///< an IPv4 address, in any spelling the WHATWG IPv4 parser accepts
  ipv6   ///< a bracketed IPv6 literal
};

/// The parts of a URL that `parse_url` accepted.
struct url_parts {
  std::string scheme;        ///< lower-cased, e.g. "https"
  bool has_userinfo = false; ///< an '@' was present in the authority
  std::string userinfo;      ///< raw text before '@' (not decoded)
  /// Normalized host: percent-decoded, lower-cased, one trailing dot removed; an IPv4 address as
  /// its canonical dotted quad; an IPv6 address in RFC 5952 form without brackets.
  std::string host;
  host_kind kind = host_kind::name;
  std::uint32_t ipv4 = 0;               ///< when kind == ipv4; 127.0.0.1 is 0x7f000001
  std::array<std::uint8_t, 16> ipv6{};  ///< when kind == ipv6, network byte order
  std::optional<std::uint16_t> port;    ///< absent when no port or an empty port ("host:")
  std::string path;                     ///< raw (not decoded), may be empty
  std::string query;                    ///< raw, without '?'
  std::string fragment;                 ///< raw, without '#'
};

/// Why `parse_url` rejected its input. The first problem found, scanning the input left to right
/// after the whole-input checks (`empty`, `too_long`, `bad_character`, `bad_percent_encoding`).
enum class url_error : std::uint8_t {
  none,
  empty,                 ///< the input is empty
  too_long,              ///< longer than `url_max_length`
  no_scheme,             ///< no "scheme:" before the first '/', '?' or '#' (e.g. "//host/path")
  bad_scheme,            ///< the scheme is not ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
  no_authority,          ///< "scheme:" is not followed by "//" (e.g. "data:", "mailto:")
  bad_userinfo,          ///< more than one '@', or a character userinfo may not hold
  empty_host,            ///< the authority has no host ("https:///p", "https://:80/")
  bad_host,              ///< not a DNS name after decoding, or stray '[' / ']' / text after ']'
  bad_ipv4,              ///< the host ends in a number but is not a valid IPv4 address
  bad_ipv6,              ///< a bracketed literal that is not a plain IPv6 address
  bad_port,              ///< the port is not digits only, or is over 65535
  bad_percent_encoding,  ///< a '%' not followed by two hex digits
  bad_character          ///< a byte RFC 3986 does not allow there (space, control, non-ASCII...)
};

/// The result of `parse_url`: the parts, or an error and a sentence for humans.
struct url_result {
  std::optional<url_parts> url;  ///< set iff error == url_error::none
  url_error error = url_error::none;
  std::string message;           ///< one sentence for humans when error != none
  explicit operator bool() const noexcept { return url.has_value(); }
};

/// The longest normalized host: a DNS name has at most 253 bytes, an IPv6 address in RFC 5952 form
/// at most 45.
inline constexpr std::size_t url_max_host_length = 253;

/// The parts of a URL as `parse_url_view` reads them, without allocating: views into the parsed
/// text, and the normalized host held inline. `url_parts` is the owning form, built from this one.
/// The views are valid as long as the text they were parsed from.
struct url_view {
  std::string_view scheme;              ///< as written (schemes compare without regard to case)
  bool has_userinfo = false;            ///< an '@' was present in the authority
  std::string_view userinfo;            ///< raw text before '@'
  host_kind kind = host_kind::name;
  std::uint32_t ipv4 = 0;               ///< when kind == ipv4
  std::array<std::uint8_t, 16> ipv6{};  ///< when kind == ipv6, network byte order
  std::optional<std::uint16_t> port;    ///< as in url_parts
  std::string_view path;                ///< raw, may be empty
  std::string_view query;               ///< raw, without '?'
  std::string_view fragment;            ///< raw, without '#'
  /// The normalized host, exactly as `url_parts::host`.
  [[nodiscard]] std::string_view host() const noexcept { return {host_bytes.data(), host_size}; }
  /// Whether the scheme is `s` (lower case), without regard to case.
  [[nodiscard]] bool scheme_is(std::string_view s) const noexcept {
    if (scheme.size() != s.size()) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = scheme[i];
      if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != s[i]) return false;
    }
    return true;
  }

  // The host's bytes (internal: read them with host()). Not value-initialized: only
  // [0, host_size) is ever read.
  std::array<char, url_max_host_length + 3> host_bytes;
  std::size_t host_size = 0;
};

// ---------------------------------------------------------------------------------------------
// Internals
// ---------------------------------------------------------------------------------------------
namespace detail::url {

constexpr bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_hex(char c) noexcept {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
constexpr unsigned hex_value(char c) noexcept {
  if (is_digit(c)) return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  return static_cast<unsigned>(c - 'A' + 10);
}
constexpr char to_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
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
constexpr bool in_class(char c, unsigned mask) noexcept {
  return (char_classes[static_cast<unsigned char>(c)] & mask) != 0;
}
/// RFC 3986 unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~".
constexpr bool is_unreserved(char c) noexcept { return in_class(c, unreserved); }
/// RFC 3986 sub-delims: "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "=".
constexpr bool is_sub_delim(char c) noexcept { return in_class(c, sub_delim); }
/// RFC 3986 gen-delims: ":" / "/" / "?" / "#" / "[" / "]" / "@".
constexpr bool is_gen_delim(char c) noexcept { return in_class(c, gen_delim); }

/// The first position at or after `from` that holds one of `Cs`, or npos. (string_view's
/// find_first_of calls memchr on the set once per byte.)
template <char... Cs>
constexpr std::size_t find_any(std::string_view s, std::size_t from = 0) noexcept {
  for (std::size_t i = from; i < s.size(); ++i)
    if (((s[i] == Cs) || ...)) return i;
  return std::string_view::npos;
}
/// pchar minus pct-encoded ('%' is checked once for the whole input).
constexpr bool is_pchar(char c) noexcept {
  return in_class(c, unreserved | sub_delim) || c == ':' || c == '@' || c == '%';
}
/// Query and fragment: *( pchar / "/" / "?" ).
constexpr bool is_query_char(char c) noexcept { return is_pchar(c) || c == '/' || c == '?'; }

/// At most `n` characters of `s` in single quotes, for messages (inputs can be 64 KiB long).
inline std::string quote(std::string_view s, std::size_t n = 64) {
  std::string out;
  out.reserve((s.size() < n ? s.size() : n) + 5);
  out += '\'';
  if (s.size() <= n) {
    out.append(s);
  } else {
    out.append(s.substr(0, n));
    out += "...";
  }
  out += '\'';
  return out;
}

inline std::string hex_byte(unsigned char b) {
  constexpr char digits[] = "0123456789abcdef";
  std::string out = "0x";
  out += digits[b >> 4U];
  out += digits[b & 0xfU];
  return out;
}

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

/// Percent-decodes `s` (whose escapes have already been checked), calling `f(byte)`.
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

/// Percent-decodes `s` (whose escapes have already been checked) into `out`.
inline void percent_decode(std::string_view s, std::string& out) {
  if (s.find('%') == std::string_view::npos) {
    out.append(s);
    return;
  }
  out.reserve(out.size() + s.size());
  percent_decode_each(s, [&](char c) { out += c; });
}

inline void format_ipv4(std::uint32_t a, host_writer& out) noexcept {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.put_decimal((a >> static_cast<unsigned>(shift)) & 0xffU);
    if (shift != 0) out.put('.');
  }
}

/// RFC 5952: lower-case hex, no leading zeros, the longest run (the first one on a tie) of two or
/// more zero groups as "::", and IPv4-mapped addresses (::ffff:0:0/96) in mixed notation (§5).
inline void format_ipv6(const std::array<std::uint8_t, 16>& b, host_writer& out) noexcept {
  constexpr char digits[] = "0123456789abcdef";
  std::array<unsigned, 8> g{};
  for (std::size_t i = 0; i < 8; ++i) g[i] = (unsigned{b[2 * i]} << 8U) | b[2 * i + 1];
  const bool mapped = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
  const std::size_t groups = mapped ? 6 : 8;
  std::size_t best = groups, best_len = 0;
  for (std::size_t i = 0; i < groups;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < groups && g[j] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j;
  }
  if (best_len < 2) best = groups;  // a single zero group is written "0", not "::" (RFC 5952 4.2.2)
  const auto last = [&]() noexcept { return out.v.host_size == 0 ? '\0' : out.v.host_bytes[out.v.host_size - 1]; };
  for (std::size_t i = 0; i < groups; ++i) {
    if (i == best) {
      out.put("::");
      i += best_len - 1;
      continue;
    }
    if (out.v.host_size != 0 && last() != ':') out.put(':');
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      const unsigned d = (g[i] >> static_cast<unsigned>(shift)) & 0xfU;
      if (d != 0 || started || shift == 0) {
        out.put(digits[d]);
        started = true;
      }
    }
  }
  if (mapped) {
    if (last() != ':') out.put(':');
    format_ipv4((std::uint32_t{b[12]} << 24U) | (std::uint32_t{b[13]} << 16U) | (std::uint32_t{b[14]} << 8U) |
                    std::uint32_t{b[15]},
                out);
  }
}

/// The WHATWG "IPv4 number parser": decimal, "0x"/"0X" hex, or leading-"0" octal; "0x" alone is 0.
/// Values over 2^32 - 1 are reported as 2^32 (enough to fail every range check), so that no
/// arithmetic overflows however long the input is.
inline std::optional<std::uint64_t> ipv4_number(std::string_view s) noexcept {
  if (s.empty()) return std::nullopt;
  unsigned radix = 10;
  if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    radix = 16;
    s.remove_prefix(2);
  } else if (s.size() >= 2 && s[0] == '0') {
    radix = 8;
    s.remove_prefix(1);
  }
  constexpr std::uint64_t cap = std::uint64_t{1} << 32U;
  std::uint64_t v = 0;
  for (const char c : s) {
    unsigned d = 0;
    if (radix == 16 && is_hex(c)) {
      d = hex_value(c);
    } else if (is_digit(c) && static_cast<unsigned>(c - '0') < radix) {
      d = static_cast<unsigned>(c - '0');
    } else {
      return std::nullopt;
    }
    v = v * radix + d;
    if (v > cap) v = cap;
  }
  return v;
}

/// The WHATWG "ends in a number checker", on a host whose one trailing dot is already removed.
inline bool ends_in_number(std::string_view host) noexcept {
  const auto dot = host.rfind('.');
  const std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  if (last.empty()) return false;
  bool digits = true;
  for (const char c : last) digits = digits && is_digit(c);
  return digits || ipv4_number(last).has_value();
}

/// Why `parse_ipv4` refused a host: which rule, and the part at fault.
struct ipv4_failure {
  enum { more_than_four_parts, empty_part, not_a_number, part_over_255, last_part_too_large } what;
  std::string_view part;
  [[nodiscard]] std::string sentence() const {
    switch (what) {
      case more_than_four_parts: return "has more than four parts";
      case empty_part: return "has an empty part";
      case not_a_number: return "has a part, " + quote(part) + ", that is not a number";
      case part_over_255: return "has a part over 255 before its last part";
      case last_part_too_large: break;
    }
    return "has a last part too large for the bytes it stands for";
  }
};

/// The WHATWG "IPv4 parser" on a host whose one trailing dot is already removed: 1 to 4 parts, every
/// part but the last at most 255, the last filling the remaining bytes.
inline std::optional<std::uint32_t> parse_ipv4(std::string_view host, ipv4_failure& why) noexcept {
  std::array<std::uint64_t, 4> n{};
  std::size_t count = 0;
  std::size_t start = 0;
  while (true) {
    const auto dot = host.find('.', start);
    const auto part = host.substr(start, dot == std::string_view::npos ? std::string_view::npos
                                                                        : dot - start);
    if (count == 4) {
      why = {ipv4_failure::more_than_four_parts, part};
      return std::nullopt;
    }
    const auto v = ipv4_number(part);
    if (!v) {
      why = {part.empty() ? ipv4_failure::empty_part : ipv4_failure::not_a_number, part};
      return std::nullopt;
    }
    n[count++] = *v;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  for (std::size_t i = 0; i + 1 < count; ++i) {
    if (n[i] > 255) {
      why = {ipv4_failure::part_over_255, {}};
      return std::nullopt;
    }
  }
  const std::uint64_t limit = std::uint64_t{1} << (8U * static_cast<unsigned>(5 - count));
  if (n[count - 1] >= limit) {
    why = {ipv4_failure::last_part_too_large, {}};
    return std::nullopt;
  }
  std::uint64_t a = n[count - 1];
  for (std::size_t i = 0; i + 1 < count; ++i) a += n[i] << (8U * static_cast<unsigned>(3 - i));
  return static_cast<std::uint32_t>(a);
}

/// Strict dotted decimal (RFC 3986 IPv4address: dec-octet, no leading zeros), for the end of an
/// IPv6 literal.
inline std::optional<std::uint32_t> parse_dotted_decimal(std::string_view s) noexcept {
  std::uint32_t a = 0;
  std::size_t parts = 0, i = 0;
  while (true) {
    const std::size_t b = i;
    unsigned v = 0;
    while (i < s.size() && is_digit(s[i]) && i - b < 3) v = v * 10 + static_cast<unsigned>(s[i++] - '0');
    const std::size_t len = i - b;
    if (len == 0 || v > 255 || (len > 1 && s[b] == '0')) return std::nullopt;
    a = (a << 8U) | v;
    if (++parts == 4) break;
    if (i >= s.size() || s[i] != '.') return std::nullopt;
    ++i;
  }
  if (i != s.size()) return std::nullopt;
  return a;
}

/// Groups of h16 separated by ':' (no "::" inside), the last one possibly an IPv4 address when
/// `v4_last`. Appends 16-bit values to `out`/`count`; false on a syntax error or more than 8 groups.
inline bool parse_h16_list(std::string_view s, bool v4_last, std::array<unsigned, 8>& out,
                           std::size_t& count) noexcept {
  if (s.empty()) return true;
  std::size_t start = 0;
  while (true) {
    const auto colon = s.find(':', start);
    const auto group = s.substr(start, colon == std::string_view::npos ? std::string_view::npos
                                                                        : colon - start);
    if (colon == std::string_view::npos && v4_last && group.find('.') != std::string_view::npos) {
      const auto v4 = parse_dotted_decimal(group);
      if (!v4 || count > 6) return false;
      out[count++] = *v4 >> 16U;
      out[count++] = *v4 & 0xffffU;
      return true;
    }
    if (group.empty() || group.size() > 4 || count == 8) return false;
    unsigned v = 0;
    for (const char c : group) {
      if (!is_hex(c)) return false;
      v = (v << 4U) | hex_value(c);
    }
    out[count++] = v;
    if (colon == std::string_view::npos) return true;
    start = colon + 1;
  }
}

/// RFC 4291 section 2.2 text forms (the RFC 3986 IPv6address grammar): eight h16 groups, at most
/// one "::" standing for one or more zero groups, optionally ending in a dotted-decimal IPv4.
inline std::optional<std::array<std::uint8_t, 16>> parse_ipv6(std::string_view s) noexcept {
  std::array<unsigned, 8> head{}, tail{};
  std::size_t nhead = 0, ntail = 0;
  const auto dc = s.find("::");
  if (dc == std::string_view::npos) {
    if (!parse_h16_list(s, true, head, nhead) || nhead != 8) return std::nullopt;
  } else {
    if (s.find("::", dc + 1) != std::string_view::npos) return std::nullopt;
    if (!parse_h16_list(s.substr(0, dc), false, head, nhead)) return std::nullopt;
    if (!parse_h16_list(s.substr(dc + 2), true, tail, ntail)) return std::nullopt;
    if (nhead + ntail > 7) return std::nullopt;
  }
  std::array<unsigned, 8> g{};
  for (std::size_t i = 0; i < nhead; ++i) g[i] = head[i];
  for (std::size_t i = 0; i < ntail; ++i) g[8 - ntail + i] = tail[i];
  std::array<std::uint8_t, 16> b{};
  for (std::size_t i = 0; i < 8; ++i) {
    b[2 * i] = static_cast<std::uint8_t>(g[i] >> 8U);
    b[2 * i + 1] = static_cast<std::uint8_t>(g[i] & 0xffU);
  }
  return b;
}

/// A reg-name or IPv4 host (not bracketed), raw from the input. Sets the host, `kind` and `ipv4`
/// of `u`. Allocates only for a host longer than any valid name once decoded (an IPv4 address
/// spelt with hundreds of zeros).
inline url_error parse_name_host(std::string_view raw, url_view& u, std::string* message) {
  for (const char c : raw) {
    if (c == '[' || c == ']')
      return fail(message, url_error::bad_host, [&] {
        return "the host " + quote(raw) + " has a '[' or ']' outside a bracketed IPv6 address";
      });
    if (!is_unreserved(c) && !is_sub_delim(c) && c != '%')
      return fail(message, url_error::bad_host, [&] {
        return "the host " + quote(raw) + " contains '" + std::string(1, c) + "', which a host may not contain";
      });
  }
  // Decoded and lower-cased: into the view's bytes when it fits (always, for a valid name).
  std::size_t decoded = raw.size();
  for (const char c : raw) decoded -= c == '%' ? 2 : 0;
  std::string scratch;
  host_writer w{u};
  w.clear();
  if (decoded <= u.host_bytes.size()) {
    percent_decode_each(raw, [&](char c) { w.put(to_lower(c)); });
  } else {
    percent_decode(raw, scratch);
    for (char& c : scratch) c = to_lower(c);
  }
  std::string_view name = decoded <= u.host_bytes.size() ? u.host() : std::string_view(scratch);
  if (name.size() > 1 && name.back() == '.') name.remove_suffix(1);
  if (ends_in_number(name)) {
    ipv4_failure why{};
    const auto a = parse_ipv4(name, why);
    if (!a)
      return fail(message, url_error::bad_ipv4, [&] {
        return "the host " + quote(raw) + " ends in a number but is not an IPv4 address: it " + why.sentence();
      });
    u.kind = host_kind::ipv4;
    u.ipv4 = *a;
    w.clear();
    format_ipv4(*a, w);
    return url_error::none;
  }
  // A DNS name: labels of ASCII letters, digits, '-' and '_', 1 to 63 bytes each, 253 in all.
  if (name.size() > url_max_host_length)
    return fail(message, url_error::bad_host, [&] {
      return "the host name is " + std::to_string(name.size()) + " bytes long, over the " +
             std::to_string(url_max_host_length) + " of a DNS name";
    });
  std::size_t label = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '.') {
      if (label == 0)
        return fail(message, url_error::bad_host, [&] { return "the host " + quote(raw) + " has an empty label"; });
      if (label > 63)
        return fail(message, url_error::bad_host,
                    [&] { return "the host " + quote(raw) + " has a label over 63 bytes long"; });
      label = 0;
      continue;
    }
    const char c = name[i];
    if (static_cast<unsigned char>(c) >= 0x80)
      return fail(message, url_error::bad_host, [&] {
        return "the host " + quote(raw) +
               " is not ASCII once decoded; give an internationalized name in its punycode (xn--) form";
      });
    if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '_')
      return fail(message, url_error::bad_host, [&] {
        return "the host " + quote(raw) + " is not a DNS name: it contains the byte " +
               hex_byte(static_cast<unsigned char>(c)) + " (only letters, digits, '-', '_' and '.' are accepted)";
      });
    ++label;
  }
  u.host_size = name.size();  // the name is in the view's bytes (it is at most 253 bytes long)
  u.kind = host_kind::name;
  return url_error::none;
}

/// The common host, a plain lower- or upper-case DNS name ("example.com", "cdn-1.Example.net"), in
/// one pass: true when `raw` is one, with `u` set exactly as `parse_name_host` would set it. False
/// (the host's bytes of `u` possibly overwritten) for anything else, which `parse_name_host` then
/// decides, errors included.
inline bool plain_name_host(std::string_view raw, url_view& u) noexcept {
  if (raw.size() > url_max_host_length) return false;
  std::size_t label = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {  // checked and lower-cased into the view in one pass
    const char c = raw[i];
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
    } else if (in_class(c, name_char) && label < 63) {
      ++label;
    } else {
      return false;
    }
    u.host_bytes[i] = to_lower(c);
  }
  // A trailing dot, an address: the full parser. (Only the last label decides "ends in a number".)
  if (label == 0 || ends_in_number(raw.substr(raw.size() - label))) return false;
  u.host_size = raw.size();
  u.kind = host_kind::name;
  return true;
}

/// IPv4 addresses that are not globally reachable, or are not a unicast destination: the entries of
/// the IANA IPv4 Special-Purpose Address Registry marked "Globally Reachable: False", whole, plus
/// multicast. {network, prefix length}.
inline constexpr std::array<std::pair<std::uint32_t, unsigned>, 15> internal_ipv4_blocks{{
    {0x00000000U, 8},   // 0.0.0.0/8        "this network"
    {0x0a000000U, 8},   // 10.0.0.0/8       private (RFC 1918)
    {0x64400000U, 10},  // 100.64.0.0/10    shared address space (carrier-grade NAT)
    {0x7f000000U, 8},   // 127.0.0.0/8      loopback
    {0xa9fe0000U, 16},  // 169.254.0.0/16   link-local (cloud metadata services live here)
    {0xac100000U, 12},  // 172.16.0.0/12    private
    {0xc0000000U, 24},  // 192.0.0.0/24     IETF protocol assignments
    {0xc0000200U, 24},  // 192.0.2.0/24     documentation (TEST-NET-1)
    {0xc0a80000U, 16},  // 192.168.0.0/16   private
    {0xc6120000U, 15},  // 198.18.0.0/15    benchmarking
    {0xc6336400U, 24},  // 198.51.100.0/24  documentation (TEST-NET-2)
    {0xcb007100U, 24},  // 203.0.113.0/24   documentation (TEST-NET-3)
    {0xe0000000U, 4},   // 224.0.0.0/4      multicast
    {0xf0000000U, 4},   // 240.0.0.0/4      reserved, and 255.255.255.255 broadcast
    {0xffffffffU, 32},  // 255.255.255.255  (inside 240/4; listed for the reader)
}};

constexpr bool in_block(std::uint32_t a, std::uint32_t net, unsigned len) noexcept {
  const std::uint32_t mask = len == 0 ? 0U : ~std::uint32_t{0} << (32U - len);
  return (a & mask) == net;
}

inline bool is_internal_ipv4(std::uint32_t a) noexcept {
  for (const auto& [net, len] : internal_ipv4_blocks)
    if (in_block(a, net, len)) return true;
  return false;
}

inline bool ipv6_prefix(const std::array<std::uint8_t, 16>& b, std::initializer_list<std::uint8_t> p,
                        unsigned bits) noexcept {
  unsigned i = 0;
  for (const auto byte : p) {
    if (bits == 0) break;
    const unsigned n = bits < 8 ? bits : 8;
    const auto mask = static_cast<std::uint8_t>(0xffU << (8U - n));
    if ((b[i] & mask) != (byte & mask)) return false;
    bits -= n;
    ++i;
  }
  return true;
}

inline std::uint32_t ipv4_at(const std::array<std::uint8_t, 16>& b, std::size_t i) noexcept {
  return (std::uint32_t{b[i]} << 24U) | (std::uint32_t{b[i + 1]} << 16U) |
         (std::uint32_t{b[i + 2]} << 8U) | std::uint32_t{b[i + 3]};
}

inline bool is_internal_ipv6(const std::array<std::uint8_t, 16>& b) noexcept {
  using P = std::initializer_list<std::uint8_t>;
  // ::/96: unspecified (::), loopback (::1) and the deprecated IPv4-compatible ::a.b.c.d.
  if (ipv6_prefix(b, P{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 96)) return true;
  // ::ffff:0:0/96 IPv4-mapped and 64:ff9b::/96 NAT64: the IPv4 address they stand for.
  // ::ffff:0:0:0/96 IPv4-translated (RFC 2765): likewise.
  if (ipv6_prefix(b, P{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96) ||
      ipv6_prefix(b, P{0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0}, 96) ||
      ipv6_prefix(b, P{0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0}, 96))
    return is_internal_ipv4(ipv4_at(b, 12));
  // 2002::/16 6to4: the IPv4 address in bits 16..47.
  if (ipv6_prefix(b, P{0x20, 0x02}, 16)) return is_internal_ipv4(ipv4_at(b, 2));
  return ipv6_prefix(b, P{0, 0x64, 0xff, 0x9b, 0, 1}, 48)   // 64:ff9b:1::/48 local-use NAT64
         || ipv6_prefix(b, P{0x01, 0, 0, 0, 0, 0, 0, 0}, 64)  // 100::/64 discard-only
         || ipv6_prefix(b, P{0x20, 0x01, 0x00}, 23)     // 2001::/23 IETF protocol assignments
         || ipv6_prefix(b, P{0x20, 0x01, 0x0d, 0xb8}, 32)  // 2001:db8::/32 documentation
         || ipv6_prefix(b, P{0x3f, 0xff, 0x00}, 20)     // 3fff::/20 documentation
         || ipv6_prefix(b, P{0x5f, 0x00}, 16)           // 5f00::/16 SRv6 SIDs
         || ipv6_prefix(b, P{0xfc}, 7)                  // fc00::/7 unique local
         || ipv6_prefix(b, P{0xfe, 0x80}, 10)           // fe80::/10 link-local
         || ipv6_prefix(b, P{0xfe, 0xc0}, 10)           // fec0::/10 site-local (deprecated)
         || ipv6_prefix(b, P{0xff}, 8);                 // ff00::/8 multicast
}

}  // namespace detail::url

// ---------------------------------------------------------------------------------------------
// Public functions
// ---------------------------------------------------------------------------------------------

/// The name of an error code, e.g. "bad_port"; an empty view for a value outside the enumeration.
[[nodiscard]] constexpr std::string_view to_string(url_error e) noexcept {
  constexpr std::array<std::string_view, 14> names{
      "none",         "empty",     "too_long", "no_scheme", "bad_scheme",
      "no_authority", "bad_userinfo", "empty_host", "bad_host", "bad_ipv4",
      "bad_ipv6",     "bad_port",  "bad_percent_encoding", "bad_character"};
  const auto i = static_cast<std::size_t>(e);
  return i < names.size() ? names[i] : std::string_view{};
}

namespace detail::url {

/// The parser behind `parse_url` and `parse_url_view`: fills `u`, and `*message` (when given) on
/// failure.
/// The whole-input checks: every byte is one RFC 3986 allows somewhere in a URI, and every '%'
/// starts an escape. The first problem, left to right, or url_error::none.
inline url_error check_bytes(std::string_view text, std::string* message) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_class(c, unreserved | sub_delim | gen_delim)) continue;  // the usual byte: one load
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x80)
      return fail(message, url_error::bad_character, [&] {
        return "the byte " + hex_byte(b) + " at offset " + std::to_string(i) +
               " is not ASCII; non-ASCII text must be percent-encoded";
      });
    if (b < 0x20 || b == 0x7f)
      return fail(message, url_error::bad_character, [&] {
        return "the control character " + hex_byte(b) + " at offset " + std::to_string(i) + " is not allowed in a URL";
      });
    if (c == ' ')
      return fail(message, url_error::bad_character, [&] {
        return "a space at offset " + std::to_string(i) + " is not allowed in a URL; write %20";
      });
    if (c == '%') {
      if (i + 2 >= text.size() || !is_hex(text[i + 1]) || !is_hex(text[i + 2]))
        return fail(message, url_error::bad_percent_encoding, [&] {
          return "the '%' at offset " + std::to_string(i) + " is not followed by two hex digits";
        });
      continue;
    }
    return fail(message, url_error::bad_character, [&] {
      return "the character '" + std::string(1, c) + "' at offset " + std::to_string(i) +
             " is not allowed in a URL; percent-encode it";
    });
  }

  return url_error::none;
}

/// Steps 2 to 4 of `parse`: scheme, authority, path, query and fragment, each checked with its own
/// (stricter) character set. On success every byte is in `char_classes`, so only '%' escapes are
/// left for `check_bytes`.
inline url_error parse_parts(std::string_view text, url_view& u, std::string* message) {
  u.scheme = u.userinfo = u.path = u.query = u.fragment = {};
  u.has_userinfo = false;
  u.kind = host_kind::name;
  u.ipv4 = 0;
  u.ipv6 = {};
  u.port.reset();
  u.host_size = 0;
  // 2. scheme ":"
  const auto colon = find_any<':', '/', '?', '#'>(text);
  if (colon == std::string_view::npos || text[colon] != ':' || colon == 0)
    return fail(message, url_error::no_scheme, [&] {
      return std::string(text.substr(0, 2) == "//" ? "the URL has no scheme (it starts with \"//\")"
                                                   : "the URL does not start with a scheme such as \"https:\"");
    });
  const auto scheme = text.substr(0, colon);
  if (!is_alpha(scheme[0]))
    return fail(message, url_error::bad_scheme,
                [&] { return "the scheme " + quote(scheme) + " does not start with a letter"; });
  for (const char c : scheme)
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.')
      return fail(message, url_error::bad_scheme, [&] {
        return "the scheme " + quote(scheme) + " contains '" + std::string(1, c) +
               "' (only letters, digits, '+', '-' and '.' are allowed)";
      });
  auto rest = text.substr(colon + 1);
  if (rest.substr(0, 2) != "//")
    return fail(message, url_error::no_authority, [&] {
      return "the URL has no authority: \"" + std::string(scheme) + ":\" is not followed by \"//\" and a host";
    });
  rest.remove_prefix(2);
  u.scheme = scheme;

  // 3. authority = [ userinfo "@" ] host [ ":" port ]
  // One pass to the end of the authority, noting its '@'s.
  std::size_t auth_end = std::string_view::npos, first_at = std::string_view::npos;
  bool second_at = false;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const char c = rest[i];
    if (in_class(c, ends_authority)) {
      auth_end = i;
      break;
    }
    if (c == '@') {
      second_at = second_at || first_at != std::string_view::npos;
      if (first_at == std::string_view::npos) first_at = i;
    }
  }
  auto hostport = rest.substr(0, auth_end);
  const auto tail = auth_end == std::string_view::npos ? std::string_view{} : rest.substr(auth_end);
  if (const auto at = first_at; at != std::string_view::npos) {
    if (second_at)
      return fail(message, url_error::bad_userinfo, [] {
        return std::string("the authority has more than one '@'; percent-encode '@' in a user name as %40");
      });
    const auto userinfo = hostport.substr(0, at);
    for (const char c : userinfo)
      if (!is_unreserved(c) && !is_sub_delim(c) && c != ':' && c != '%')
        return fail(message, url_error::bad_userinfo, [&] {
          return "the user information contains '" + std::string(1, c) + "', which it may not";
        });
    u.has_userinfo = true;
    u.userinfo = userinfo;
    hostport.remove_prefix(at + 1);
  }
  std::optional<std::string_view> port_text;
  if (!hostport.empty() && hostport[0] == '[') {
    const auto close = hostport.find(']');
    if (close == std::string_view::npos)
      return fail(message, url_error::bad_ipv6,
                  [&] { return "the IPv6 address " + quote(hostport) + " has no closing ']'"; });
    const auto literal = hostport.substr(1, close - 1);
    const auto after = hostport.substr(close + 1);
    if (!after.empty() && after[0] != ':')
      return fail(message, url_error::bad_host, [] {
        return std::string("only ':' and a port may follow the ']' of an IPv6 address");
      });
    if (!after.empty()) port_text = after.substr(1);
    if (literal.empty())
      return fail(message, url_error::bad_ipv6, [] { return std::string("the brackets \"[]\" hold no IPv6 address"); });
    if (literal[0] == 'v' || literal[0] == 'V')
      return fail(message, url_error::bad_ipv6, [&] {
        return "the IPvFuture literal " + quote(literal) + " is not supported; only IPv6 is";
      });
    if (literal.find('%') != std::string_view::npos)
      return fail(message, url_error::bad_ipv6, [&] {
        return "the IPv6 address " + quote(literal) + " has a zone identifier, which is not accepted";
      });
    const auto a = parse_ipv6(literal);
    if (!a) return fail(message, url_error::bad_ipv6, [&] { return quote(literal) + " is not a valid IPv6 address"; });
    u.kind = host_kind::ipv6;
    u.ipv6 = *a;
    host_writer w{u};
    w.clear();
    format_ipv6(*a, w);
  } else {
    const auto c = hostport.find(':');
    const auto host = hostport.substr(0, c);
    if (c != std::string_view::npos) port_text = hostport.substr(c + 1);
    if (host.empty()) return fail(message, url_error::empty_host, [] { return std::string("the URL has an empty host"); });
    if (!plain_name_host(host, u))
      if (const url_error e = parse_name_host(host, u, message); e != url_error::none) return e;
  }
  if (port_text && !port_text->empty()) {
    std::uint32_t v = 0;
    for (const char c : *port_text) {
      if (!is_digit(c))
        return fail(message, url_error::bad_port, [&] { return "the port " + quote(*port_text) + " is not a number"; });
      v = v * 10 + static_cast<std::uint32_t>(c - '0');
      if (v > 65535) v = 65536;  // keep going to check the digits; never overflows
    }
    if (v > 65535)
      return fail(message, url_error::bad_port, [&] { return "the port " + quote(*port_text) + " is over 65535"; });
    u.port = static_cast<std::uint16_t>(v);
  }

  // 4. path-abempty [ "?" query ] [ "#" fragment ]
  std::size_t q = 0;  // one pass: the end of the path, and its characters
  for (; q < tail.size(); ++q) {
    const char c = tail[q];
    if (in_class(c, path_char)) continue;
    if (c == '?' || c == '#') break;
    return fail(message, url_error::bad_character,
                [&] { return "the path contains '" + std::string(1, c) + "'; percent-encode it"; });
  }
  const auto path = tail.substr(0, q);
  if (q == tail.size()) q = std::string_view::npos;
  u.path = path;
  auto after_path = q == std::string_view::npos ? std::string_view{} : tail.substr(q);
  if (!after_path.empty() && after_path[0] == '?') {
    const auto h = after_path.find('#');
    const auto query = after_path.substr(1, h == std::string_view::npos ? std::string_view::npos : h - 1);
    for (const char c : query)
      if (!is_query_char(c))
        return fail(message, url_error::bad_character,
                    [&] { return "the query contains '" + std::string(1, c) + "'; percent-encode it"; });
    u.query = query;
    after_path = h == std::string_view::npos ? std::string_view{} : after_path.substr(h);
  }
  if (!after_path.empty()) {  // starts with '#'
    const auto fragment = after_path.substr(1);
    for (const char c : fragment)
      if (!is_query_char(c))
        return fail(message, url_error::bad_character,
                    [&] { return "the fragment contains '" + std::string(1, c) + "'; percent-encode it"; });
    u.fragment = fragment;
  }
  return url_error::none;
}

/// The parser behind `parse_url` and `parse_url_view`: fills `u`, and `*message` (when given) on
/// failure. The errors are those of the checks in order: length, then the whole-input byte checks
/// (bad_character, bad_percent_encoding), then the parts left to right; the byte checks run only
/// when the parts fail or the URL holds a '%' (a URL that passes the parts has no other bad byte).
inline url_error parse(std::string_view text, url_view& u, std::string* message) {
  if (text.empty()) return fail(message, url_error::empty, [] { return std::string("the URL is empty"); });
  if (text.size() > url_max_length)
    return fail(message, url_error::too_long, [&] {
      return "the URL is " + std::to_string(text.size()) + " bytes long, over the limit of " +
             std::to_string(url_max_length);
    });

  const url_error e = parse_parts(text, u, message);
  if (e != url_error::none || text.find('%') != std::string_view::npos) {
    if (const url_error b = check_bytes(text, message); b != url_error::none) return b;
  }
  return e;
}

/// Host names that are internal by definition (compared after normalization): `localhost` and the
/// names under it (RFC 6761), `localhost.localdomain` (the loopback alias of most hosts files), and
/// the names under `internal` (ICANN's private-use top-level domain, 2024), `local` (multicast DNS,
/// RFC 6762: the local link only) and `home.arpa` (home networks, RFC 8375).
inline bool is_internal_name(std::string_view h) noexcept {
  if (h.size() > 1 && h.back() == '.') h.remove_suffix(1);
  const auto is = [&](std::string_view name) {  // h is `name` or a name under it, without regard to case
    if (h.size() < name.size()) return false;
    const std::size_t from = h.size() - name.size();
    if (from != 0 && h[from - 1] != '.') return false;
    for (std::size_t i = 0; i < name.size(); ++i)
      if (to_lower(h[from + i]) != name[i]) return false;
    return true;
  };
  if (h.size() == 21 && is("localhost.localdomain")) return true;
  return is("localhost") || is("internal") || is("local") || is("home.arpa");
}

/// is_internal_host() of both URL forms: an address by its kind, a name by is_internal_name().
inline bool is_internal_host(host_kind kind, std::uint32_t ipv4, const std::array<std::uint8_t, 16>& ipv6,
                             std::string_view name) noexcept {
  switch (kind) {
    case host_kind::ipv4:
      return is_internal_ipv4(ipv4);
    case host_kind::ipv6:
      return is_internal_ipv6(ipv6);
    case host_kind::name:
      break;
  }
  return is_internal_name(name);
}

}  // namespace detail::url

/// Parses an absolute URL with an authority and a non-empty host:
/// `scheme "://" [ userinfo "@" ] host [ ":" [ port ] ] path-abempty [ "?" query ] [ "#" fragment ]`
/// with RFC 3986's character sets, no leading or trailing white space, and hosts classified as the
/// WHATWG URL standard's host parser does (see docs/url.md). Never throws except std::bad_alloc.
[[nodiscard]] inline url_result parse_url(std::string_view text) {
  url_result r;
  url_view v;
  r.error = detail::url::parse(text, v, &r.message);
  if (r.error != url_error::none) return r;
  url_parts& u = r.url.emplace();
  u.scheme.assign(v.scheme);
  for (char& c : u.scheme) c = detail::url::to_lower(c);
  u.has_userinfo = v.has_userinfo;
  u.userinfo.assign(v.userinfo);
  u.host.assign(v.host());
  u.kind = v.kind;
  u.ipv4 = v.ipv4;
  u.ipv6 = v.ipv6;
  u.port = v.port;
  u.path.assign(v.path);
  u.query.assign(v.query);
  u.fragment.assign(v.fragment);
  return r;
}

/// `parse_url` without allocating (except, on failure, for `*message` when it is given): fills `out`
/// with views into `text` and returns `url_error::none`, or returns the error (and its sentence in
/// `*message`). `out` is meaningful only on success, and only while `text` lives.
[[nodiscard]] inline url_error parse_url_view(std::string_view text, url_view& out, std::string* message = nullptr) {
  return detail::url::parse(text, out, message);
}

/// The callback_private_host test of rules.md §2 (and url_not_public's): true when the host is
/// an address that is not globally reachable (loopback, private, link-local, shared, "this
/// network", documentation, benchmarking, reserved, broadcast, multicast, unique-local, site-local,
/// discard), including IPv4-mapped, IPv4-translated, NAT64 and 6to4 IPv6 addresses of such an IPv4
/// address, or a name that is internal by definition: `localhost` and `*.localhost`,
/// `localhost.localdomain`, `*.internal`, `*.local`, `*.home.arpa`. Reads `kind` and `ipv4`/`ipv6`
/// for addresses; for names, compares without regard to case and to one trailing dot.
[[nodiscard]] inline bool is_internal_host(const url_parts& u) noexcept {
  return detail::url::is_internal_host(u.kind, u.ipv4, u.ipv6, u.host);
}
/// The same for a URL read with `parse_url_view`.
[[nodiscard]] inline bool is_internal_host(const url_view& u) noexcept {
  return detail::url::is_internal_host(u.kind, u.ipv4, u.ipv6, u.host());
}

namespace detail::url {
/// The last segment of a raw path, without its parameters (";v=1": RFC 3986 section 3.3 leaves
/// ';' to the scheme, and servers read it as a parameter delimiter, not as part of a file name).
constexpr std::string_view last_segment(std::string_view path) noexcept {
  std::size_t start = path.size();
  while (start > 0 && path[start - 1] != '/') --start;
  std::size_t end = start;
  while (end < path.size() && path[end] != ';') ++end;
  return path.substr(start, end - start);
}
}  // namespace detail::url

/// The lower-cased extension of the last path segment, percent-decoded, without the dot: "jpg" for
/// "/a/b.JPG", "/a/b%2Ejpg" and "/a/b.jpg;v=1" (path parameters are not part of the name); "" when
/// the segment has no '.', ends in '.', or its only '.' is its first character (".jpg" is a hidden
/// file's name, as for std::filesystem). The query and the fragment are not looked at.
[[nodiscard]] inline std::string path_extension(std::string_view raw_path) {
  std::string segment;
  detail::url::percent_decode(detail::url::last_segment(raw_path), segment);
  const auto dot = segment.rfind('.');
  if (dot == std::string::npos || dot == 0) return {};
  std::string ext = segment.substr(dot + 1);
  for (char& c : ext) c = detail::url::to_lower(c);
  return ext;
}
[[nodiscard]] inline std::string path_extension(const url_parts& u) { return path_extension(std::string_view(u.path)); }

/// Whether the extension of the last path segment (as `path_extension` gives it) is empty or one of
/// `accepted` (lower case). Never allocates.
template <class Names>
[[nodiscard]] constexpr bool path_extension_in(std::string_view raw_path, const Names& accepted) noexcept {
  const std::string_view seg = detail::url::last_segment(raw_path);
  std::size_t dot = std::string_view::npos;
  bool escaped = false;
  for (std::size_t i = 0; i < seg.size(); ++i) {  // one pass: the last '.', any '%'
    if (seg[i] == '.') dot = i;
    escaped = escaped || seg[i] == '%';
  }
  if (!escaped) {  // the usual segment: nothing to decode
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == seg.size()) return true;  // no extension
    const std::string_view ext = seg.substr(dot + 1);
    for (std::string_view name : accepted) {
      if (name.empty() || name.size() != ext.size()) continue;
      std::size_t k = 0;
      while (k < ext.size() && detail::url::to_lower(ext[k]) == name[k]) ++k;
      if (k == ext.size()) return true;
    }
    return false;
  }
  // The decoded position of the last '.', and the decoded length.
  std::size_t decoded = 0;
  dot = std::string_view::npos;
  detail::url::percent_decode_each(seg, [&](char c) {
    if (c == '.') dot = decoded;
    ++decoded;
  });
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == decoded) return true;  // no extension
  const std::size_t length = decoded - dot - 1;
  for (std::string_view name : accepted) {
    if (name.empty() || name.size() != length) continue;
    std::size_t at = 0, k = 0;
    bool same = true;
    detail::url::percent_decode_each(seg, [&](char c) {
      if (at++ > dot && same) same = detail::url::to_lower(c) == name[k++];
    });
    if (same) return true;
  }
  return false;
}

}  // namespace seedance

#endif  // SEEDANCE_URL_HPP

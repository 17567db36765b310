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
enum char_class : std::uint8_t { unreserved = 1, sub_delim = 2, gen_delim = 4 };
inline constexpr std::array<std::uint8_t, 256> char_classes = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    if (is_alpha(ch) || is_digit(ch)) t[static_cast<std::size_t>(c)] |= unreserved;
  }
  for (const char c : std::string_view("-._~")) t[static_cast<unsigned char>(c)] |= unreserved;
  for (const char c : std::string_view("!$&'()*+,;=")) t[static_cast<unsigned char>(c)] |= sub_delim;
  for (const char c : std::string_view(":/?#[]@")) t[static_cast<unsigned char>(c)] |= gen_delim;
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

inline url_result fail(url_error e, std::string message) {
  url_result r;
  r.error = e;
  r.message = std::move(message);
  return r;
}

/// Percent-decodes `s` (whose escapes have already been checked) into `out`.
inline void percent_decode(std::string_view s, std::string& out) {
  if (s.find('%') == std::string_view::npos) {
    out.append(s);
    return;
  }
  out.reserve(out.size() + s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && is_hex(s[i + 1]) && is_hex(s[i + 2])) {
      out += static_cast<char>((hex_value(s[i + 1]) << 4U) | hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
}

inline std::string format_ipv4(std::uint32_t a) {
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) {
    out += std::to_string((a >> static_cast<unsigned>(shift)) & 0xffU);
    if (shift != 0) out += '.';
  }
  return out;
}

/// RFC 5952: lower-case hex, no leading zeros, the longest run (the first one on a tie) of two or
/// more zero groups as "::", and IPv4-mapped addresses (::ffff:0:0/96) in mixed notation (§5).
inline std::string format_ipv6(const std::array<std::uint8_t, 16>& b) {
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
  std::string out;
  for (std::size_t i = 0; i < groups; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      const unsigned d = (g[i] >> static_cast<unsigned>(shift)) & 0xfU;
      if (d != 0 || started || shift == 0) {
        out += digits[d];
        started = true;
      }
    }
  }
  if (mapped) {
    if (out.back() != ':') out += ':';
    out += format_ipv4((std::uint32_t{b[12]} << 24U) | (std::uint32_t{b[13]} << 16U) |
                       (std::uint32_t{b[14]} << 8U) | std::uint32_t{b[15]});
  }
  return out;
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

/// The WHATWG "IPv4 parser" on a host whose one trailing dot is already removed: 1 to 4 parts, every
/// part but the last at most 255, the last filling the remaining bytes.
inline std::optional<std::uint32_t> parse_ipv4(std::string_view host, std::string& why) {
  std::array<std::uint64_t, 4> n{};
  std::size_t count = 0;
  std::size_t start = 0;
  while (true) {
    const auto dot = host.find('.', start);
    const auto part = host.substr(start, dot == std::string_view::npos ? std::string_view::npos
                                                                        : dot - start);
    if (count == 4) {
      why = "has more than four parts";
      return std::nullopt;
    }
    const auto v = ipv4_number(part);
    if (!v) {
      why = part.empty() ? "has an empty part" : "has a part, " + quote(part) + ", that is not a number";
      return std::nullopt;
    }
    n[count++] = *v;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  for (std::size_t i = 0; i + 1 < count; ++i) {
    if (n[i] > 255) {
      why = "has a part over 255 before its last part";
      return std::nullopt;
    }
  }
  const std::uint64_t limit = std::uint64_t{1} << (8U * static_cast<unsigned>(5 - count));
  if (n[count - 1] >= limit) {
    why = "has a last part too large for the bytes it stands for";
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

/// A reg-name or IPv4 host (not bracketed), raw from the input. Fills `u.host`, `u.kind`, `u.ipv4`.
inline std::optional<url_result> parse_name_host(std::string_view raw, url_parts& u) {
  for (const char c : raw) {
    if (c == '[' || c == ']')
      return fail(url_error::bad_host, "the host " + quote(raw) +
                                           " has a '[' or ']' outside a bracketed IPv6 address");
    if (!is_unreserved(c) && !is_sub_delim(c) && c != '%')
      return fail(url_error::bad_host, "the host " + quote(raw) + " contains '" + std::string(1, c) +
                                           "', which a host may not contain");
  }
  // Decoded and lower-cased in place, into the result.
  std::string& h = u.host;
  h.clear();
  percent_decode(raw, h);
  for (char& c : h) c = to_lower(c);
  if (h.size() > 1 && h.back() == '.') h.pop_back();
  const std::string_view name = h;
  if (ends_in_number(name)) {
    std::string why;
    const auto a = parse_ipv4(name, why);
    if (!a)
      return fail(url_error::bad_ipv4, "the host " + quote(raw) +
                                           " ends in a number but is not an IPv4 address: it " + why);
    u.kind = host_kind::ipv4;
    u.ipv4 = *a;
    u.host = format_ipv4(*a);
    return std::nullopt;
  }
  // A DNS name: labels of ASCII letters, digits, '-' and '_', 1 to 63 bytes each, 253 in all.
  if (name.size() > 253)
    return fail(url_error::bad_host, "the host name is " + std::to_string(name.size()) +
                                         " bytes long, over the 253 of a DNS name");
  std::size_t label = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '.') {
      if (label == 0)
        return fail(url_error::bad_host, "the host " + quote(raw) + " has an empty label");
      if (label > 63)
        return fail(url_error::bad_host,
                    "the host " + quote(raw) + " has a label over 63 bytes long");
      label = 0;
      continue;
    }
    const char c = name[i];
    if (static_cast<unsigned char>(c) >= 0x80)
      return fail(url_error::bad_host,
                  "the host " + quote(raw) +
                      " is not ASCII once decoded; give an internationalized name in its "
                      "punycode (xn--) form");
    if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '_')
      return fail(url_error::bad_host,
                  "the host " + quote(raw) + " is not a DNS name: it contains the byte " +
                      hex_byte(static_cast<unsigned char>(c)) +
                      " (only letters, digits, '-', '_' and '.' are accepted)");
    ++label;
  }
  u.kind = host_kind::name;  // u.host already holds the name
  return std::nullopt;
}

/// The common host, a plain lower- or upper-case DNS name ("example.com", "cdn-1.Example.net"), in
/// one pass: true when `raw` is one, with `u` set exactly as `parse_name_host` would set it. False
/// (and `u` untouched) for anything else, which `parse_name_host` then decides, errors included.
inline bool plain_name_host(std::string_view raw, url_parts& u) {
  if (raw.size() > 253) return false;
  std::size_t label = 0;
  for (const char c : raw) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
    } else if ((is_alpha(c) || is_digit(c) || c == '-' || c == '_') && label < 63) {
      ++label;
    } else {
      return false;
    }
  }
  if (label == 0 || ends_in_number(raw)) return false;  // a trailing dot, an address: the full parser
  u.host.assign(raw);
  for (char& c : u.host) c = to_lower(c);
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
  if (ipv6_prefix(b, P{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96) ||
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

/// Parses an absolute URL with an authority and a non-empty host:
/// `scheme "://" [ userinfo "@" ] host [ ":" [ port ] ] path-abempty [ "?" query ] [ "#" fragment ]`
/// with RFC 3986's character sets, no leading or trailing white space, and hosts classified as the
/// WHATWG URL standard's host parser does (see docs/url.md). Never throws except std::bad_alloc.
[[nodiscard]] inline url_result parse_url(std::string_view text) {
  using namespace detail::url;
  if (text.empty()) return fail(url_error::empty, "the URL is empty");
  if (text.size() > url_max_length)
    return fail(url_error::too_long, "the URL is " + std::to_string(text.size()) +
                                         " bytes long, over the limit of " +
                                         std::to_string(url_max_length));

  // 1. Every byte must be one RFC 3986 allows somewhere in a URI, and every '%' must start an escape.
  //    First without a branch per byte (the usual URL passes); the loop below finds what is wrong.
  unsigned all_plain = 1;
  for (const char c : text) all_plain &= char_classes[static_cast<unsigned char>(c)] != 0 ? 1U : 0U;
  for (std::size_t i = 0; all_plain == 0 && i < text.size(); ++i) {
    const char c = text[i];
    if (in_class(c, unreserved | sub_delim | gen_delim)) continue;  // the usual byte: one load
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x80)
      return fail(url_error::bad_character,
                  "the byte " + hex_byte(b) + " at offset " + std::to_string(i) +
                      " is not ASCII; non-ASCII text must be percent-encoded");
    if (b < 0x20 || b == 0x7f)
      return fail(url_error::bad_character, "the control character " + hex_byte(b) +
                                                " at offset " + std::to_string(i) +
                                                " is not allowed in a URL");
    if (c == ' ')
      return fail(url_error::bad_character,
                  "a space at offset " + std::to_string(i) + " is not allowed in a URL; write %20");
    if (c == '%') {
      if (i + 2 >= text.size() || !is_hex(text[i + 1]) || !is_hex(text[i + 2]))
        return fail(url_error::bad_percent_encoding,
                    "the '%' at offset " + std::to_string(i) + " is not followed by two hex digits");
      continue;
    }
    return fail(url_error::bad_character, "the character '" + std::string(1, c) + "' at offset " +
                                                std::to_string(i) +
                                                " is not allowed in a URL; percent-encode it");
  }

  // 2. scheme ":"
  const auto colon = find_any<':', '/', '?', '#'>(text);
  if (colon == std::string_view::npos || text[colon] != ':' || colon == 0)
    return fail(url_error::no_scheme, text.substr(0, 2) == "//"
                                          ? "the URL has no scheme (it starts with \"//\")"
                                          : "the URL does not start with a scheme such as \"https:\"");
  const auto scheme = text.substr(0, colon);
  if (!is_alpha(scheme[0]))
    return fail(url_error::bad_scheme, "the scheme " + quote(scheme) + " does not start with a letter");
  for (const char c : scheme)
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.')
      return fail(url_error::bad_scheme,
                  "the scheme " + quote(scheme) + " contains '" + std::string(1, c) +
                      "' (only letters, digits, '+', '-' and '.' are allowed)");
  auto rest = text.substr(colon + 1);
  if (rest.substr(0, 2) != "//")
    return fail(url_error::no_authority, "the URL has no authority: \"" + std::string(scheme) +
                                             ":\" is not followed by \"//\" and a host");
  rest.remove_prefix(2);

  url_result r;  // built in place: the parts are written straight into it
  url_parts& u = r.url.emplace();
  u.scheme.assign(scheme);
  for (char& c : u.scheme) c = to_lower(c);

  // 3. authority = [ userinfo "@" ] host [ ":" port ]
  const auto auth_end = find_any<'/', '?', '#'>(rest);
  auto hostport = rest.substr(0, auth_end);
  const auto tail = auth_end == std::string_view::npos ? std::string_view{} : rest.substr(auth_end);
  if (const auto at = hostport.find('@'); at != std::string_view::npos) {
    if (hostport.find('@', at + 1) != std::string_view::npos)
      return fail(url_error::bad_userinfo,
                  "the authority has more than one '@'; percent-encode '@' in a user name as %40");
    const auto userinfo = hostport.substr(0, at);
    for (const char c : userinfo)
      if (!is_unreserved(c) && !is_sub_delim(c) && c != ':' && c != '%')
        return fail(url_error::bad_userinfo,
                    "the user information contains '" + std::string(1, c) + "', which it may not");
    u.has_userinfo = true;
    u.userinfo.assign(userinfo);
    hostport.remove_prefix(at + 1);
  }
  std::optional<std::string_view> port_text;
  if (!hostport.empty() && hostport[0] == '[') {
    const auto close = hostport.find(']');
    if (close == std::string_view::npos)
      return fail(url_error::bad_ipv6, "the IPv6 address " + quote(hostport) + " has no closing ']'");
    const auto literal = hostport.substr(1, close - 1);
    const auto after = hostport.substr(close + 1);
    if (!after.empty() && after[0] != ':')
      return fail(url_error::bad_host, "only ':' and a port may follow the ']' of an IPv6 address");
    if (!after.empty()) port_text = after.substr(1);
    if (literal.empty())
      return fail(url_error::bad_ipv6, "the brackets \"[]\" hold no IPv6 address");
    if (literal[0] == 'v' || literal[0] == 'V')
      return fail(url_error::bad_ipv6,
                  "the IPvFuture literal " + quote(literal) + " is not supported; only IPv6 is");
    if (literal.find('%') != std::string_view::npos)
      return fail(url_error::bad_ipv6, "the IPv6 address " + quote(literal) +
                                           " has a zone identifier, which is not accepted");
    const auto a = parse_ipv6(literal);
    if (!a) return fail(url_error::bad_ipv6, quote(literal) + " is not a valid IPv6 address");
    u.kind = host_kind::ipv6;
    u.ipv6 = *a;
    u.host = format_ipv6(*a);
  } else {
    const auto c = hostport.find(':');
    const auto host = hostport.substr(0, c);
    if (c != std::string_view::npos) port_text = hostport.substr(c + 1);
    if (host.empty()) return fail(url_error::empty_host, "the URL has an empty host");
    if (!plain_name_host(host, u))
      if (auto err = parse_name_host(host, u)) return std::move(*err);
  }
  if (port_text && !port_text->empty()) {
    std::uint32_t v = 0;
    for (const char c : *port_text) {
      if (!is_digit(c))
        return fail(url_error::bad_port, "the port " + quote(*port_text) + " is not a number");
      v = v * 10 + static_cast<std::uint32_t>(c - '0');
      if (v > 65535) v = 65536;  // keep going to check the digits; never overflows
    }
    if (v > 65535)
      return fail(url_error::bad_port, "the port " + quote(*port_text) + " is over 65535");
    u.port = static_cast<std::uint16_t>(v);
  }

  // 4. path-abempty [ "?" query ] [ "#" fragment ]
  const auto q = find_any<'?', '#'>(tail);
  const auto path = tail.substr(0, q);
  for (const char c : path)
    if (!is_pchar(c) && c != '/')
      return fail(url_error::bad_character,
                  "the path contains '" + std::string(1, c) + "'; percent-encode it");
  u.path.assign(path);
  auto after_path = q == std::string_view::npos ? std::string_view{} : tail.substr(q);
  if (!after_path.empty() && after_path[0] == '?') {
    const auto h = after_path.find('#');
    const auto query = after_path.substr(1, h == std::string_view::npos ? std::string_view::npos : h - 1);
    for (const char c : query)
      if (!is_query_char(c))
        return fail(url_error::bad_character,
                    "the query contains '" + std::string(1, c) + "'; percent-encode it");
    u.query.assign(query);
    after_path = h == std::string_view::npos ? std::string_view{} : after_path.substr(h);
  }
  if (!after_path.empty()) {  // starts with '#'
    const auto fragment = after_path.substr(1);
    for (const char c : fragment)
      if (!is_query_char(c))
        return fail(url_error::bad_character,
                    "the fragment contains '" + std::string(1, c) + "'; percent-encode it");
    u.fragment.assign(fragment);
  }

  return r;
}

/// The callback_private_host test of rules.md §2 (and url_not_public's): true when the host is
/// `localhost`, a name ending in ".localhost", or an address that is not globally reachable
/// (loopback, private, link-local, shared, "this network", documentation, benchmarking, reserved,
/// broadcast, multicast, unique-local, site-local, discard), including IPv4-mapped, NAT64 and 6to4
/// IPv6 addresses of such an IPv4 address. Reads `kind` and `ipv4`/`ipv6` for addresses; for names,
/// compares without regard to case and to one trailing dot.
[[nodiscard]] inline bool is_internal_host(const url_parts& u) noexcept {
  switch (u.kind) {
    case host_kind::ipv4:
      return detail::url::is_internal_ipv4(u.ipv4);
    case host_kind::ipv6:
      return detail::url::is_internal_ipv6(u.ipv6);
    case host_kind::name:
      break;
  }
  std::string_view h = u.host;
  if (h.size() > 1 && h.back() == '.') h.remove_suffix(1);
  constexpr std::string_view suffix = ".localhost";
  const auto ends_with_ci = [&](std::string_view s) {
    if (h.size() < s.size()) return false;
    const auto t = h.substr(h.size() - s.size());
    for (std::size_t i = 0; i < s.size(); ++i)
      if (detail::url::to_lower(t[i]) != s[i]) return false;
    return true;
  };
  return (h.size() == suffix.size() - 1 && ends_with_ci(suffix.substr(1))) || ends_with_ci(suffix);
}

/// The lower-cased extension of the last path segment, percent-decoded, without the dot: "jpg" for
/// "/a/b.JPG" and for "/a/b%2Ejpg"; "" when the segment has no '.', ends in '.', or its only '.'
/// is its first character (".jpg" is a hidden file's name, as for std::filesystem). The query and
/// the fragment are not looked at.
[[nodiscard]] inline std::string path_extension(const url_parts& u) {
  const std::string_view path = u.path;
  const auto slash = path.rfind('/');
  const auto raw = slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::string segment;
  detail::url::percent_decode(raw, segment);
  const auto dot = segment.rfind('.');
  if (dot == std::string::npos || dot == 0) return {};
  std::string ext = segment.substr(dot + 1);
  for (char& c : ext) c = detail::url::to_lower(c);
  return ext;
}

}  // namespace seedance

#endif  // SEEDANCE_URL_HPP

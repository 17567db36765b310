// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/url.hpp> (include that, not this header): IPv4 (WHATWG forms) and IPv6 hosts, host names, the internal-address table.
#ifndef SEEDANCE_URL_HPP
#error "include <seedance/url.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_URL_HOSTS_HPP
#define SEEDANCE_DETAIL_URL_HOSTS_HPP

namespace seedance::detail::url {

inline void format_ipv4(std::uint32_t a, host_writer& out) noexcept {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.put_decimal((a >> static_cast<unsigned>(shift)) & 0xffU);
    if (shift != 0) out.put('.');
  }
}

/// RFC 5952: lower-case hex, no leading zeros, the longest run (the first one on a tie) of two or
/// more zero groups as "::", and IPv4-mapped addresses (::ffff:0:0/96) in mixed notation (§5).
inline void format_ipv6(const std::array<std::uint8_t, 16>& b, host_writer& out) noexcept {
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
        out.put(text::hex_digit(d));
        started = true;
      }
    }
  }
  if (mapped) {
    if (last() != ':') out.put(':');
    format_ipv4((std::uint32_t{b[12]} << 24U) | (std::uint32_t{b[13]} << 16U) | (std::uint32_t{b[14]} << 8U) | std::uint32_t{b[15]}, out);
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
      case not_a_number: return "has a part, " + text::quote(part, text::url_part) + ", that is not a number";
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
    const auto part = host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
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
inline bool parse_h16_list(std::string_view s, bool v4_last, std::array<unsigned, 8>& out, std::size_t& count) noexcept {
  if (s.empty()) return true;
  std::size_t start = 0;
  while (true) {
    const auto colon = s.find(':', start);
    const auto group = s.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start);
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
      return fail(message, url_error::bad_host,
                  [&] { return "the host " + text::quote(raw, text::url_part) + " has a '[' or ']' outside a bracketed IPv6 address"; });
    if (!is_unreserved(c) && !is_sub_delim(c) && c != '%')
      return fail(message, url_error::bad_host, [&] {
        return "the host " + text::quote(raw, text::url_part) + " contains '" + std::string(1, c) + "', which a host may not contain";
      });
  }
  // Decoded and lower-cased: into the view's bytes when it fits (always, for a valid name).
  std::size_t decoded = raw.size();
  for (const char c : raw) decoded -= c == '%' ? 2 : 0;
  std::string scratch;
  host_writer w{u};
  w.clear();
  if (decoded <= u.host_bytes.size()) {
    text::percent_decode_each(raw, [&](char c) { w.put(to_lower(c)); });
  } else {
    text::percent_decode(raw, scratch);
    for (char& c : scratch) c = to_lower(c);
  }
  std::string_view name = decoded <= u.host_bytes.size() ? u.host() : std::string_view(scratch);
  if (name.size() > 1 && name.back() == '.') name.remove_suffix(1);
  if (ends_in_number(name)) {
    ipv4_failure why{};
    const auto a = parse_ipv4(name, why);
    if (!a)
      return fail(message, url_error::bad_ipv4, [&] {
        return "the host " + text::quote(raw, text::url_part) + " ends in a number but is not an IPv4 address: it " + why.sentence();
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
      return "the host name is " + std::to_string(name.size()) + " bytes long, over the " + std::to_string(url_max_host_length) +
             " of a DNS name";
    });
  std::size_t label = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '.') {
      if (label == 0)
        return fail(message, url_error::bad_host, [&] { return "the host " + text::quote(raw, text::url_part) + " has an empty label"; });
      if (label > 63)
        return fail(message, url_error::bad_host,
                    [&] { return "the host " + text::quote(raw, text::url_part) + " has a label over 63 bytes long"; });
      label = 0;
      continue;
    }
    const char c = name[i];
    if (static_cast<unsigned char>(c) >= 0x80)
      return fail(message, url_error::bad_host, [&] {
        return "the host " + text::quote(raw, text::url_part) +
               " is not ASCII once decoded; give an internationalized name in its punycode (xn--) form";
      });
    if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '_')
      return fail(message, url_error::bad_host, [&] {
        return "the host " + text::quote(raw, text::url_part) + " is not a DNS name: it contains the byte " +
               text::hex_byte(static_cast<unsigned char>(c)) + " (only letters, digits, '-', '_' and '.' are accepted)";
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

inline bool ipv6_prefix(const std::array<std::uint8_t, 16>& b, std::initializer_list<std::uint8_t> p, unsigned bits) noexcept {
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
  return (std::uint32_t{b[i]} << 24U) | (std::uint32_t{b[i + 1]} << 16U) | (std::uint32_t{b[i + 2]} << 8U) | std::uint32_t{b[i + 3]};
}

inline bool is_internal_ipv6(const std::array<std::uint8_t, 16>& b) noexcept {
  using P = std::initializer_list<std::uint8_t>;
  // ::/96: unspecified (::), loopback (::1) and the deprecated IPv4-compatible ::a.b.c.d.
  if (ipv6_prefix(b, P{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 96)) return true;
  // ::ffff:0:0/96 IPv4-mapped and 64:ff9b::/96 NAT64: the IPv4 address they stand for.
  // ::ffff:0:0:0/96 IPv4-translated (RFC 2765): likewise.
  if (ipv6_prefix(b, P{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96) || ipv6_prefix(b, P{0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0}, 96) ||
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

}  // namespace seedance::detail::url

#endif  // SEEDANCE_DETAIL_URL_HOSTS_HPP

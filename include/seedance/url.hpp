// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// The strict URL parser of the runtime validator (docs/spec.md section 2: invalid_url, url_not_public,
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
#include <cstring>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "detail/text.hpp"

namespace seedance {

/// The longest input `parse_url` accepts, in bytes (64 KiB): far above any real URL (HTTP servers
/// and CDNs refuse request lines over 8 to 64 KiB; docs/spec.md caps callbacks at 2,048), and it bounds
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
// Internals: detail/url/chars.hpp, detail/url/hosts.hpp
// ---------------------------------------------------------------------------------------------
}  // namespace seedance

#include "detail/url/chars.hpp"
#include "detail/url/hosts.hpp"

namespace seedance {

// ---------------------------------------------------------------------------------------------
// Public functions
// ---------------------------------------------------------------------------------------------

/// The name of an error code, e.g. "bad_port"; an empty view for a value outside the enumeration.
[[nodiscard]] constexpr std::string_view to_string(url_error e) noexcept {
  constexpr std::array<std::string_view, 14> names{
      "none",       "empty",    "too_long", "no_scheme", "bad_scheme", "no_authority",         "bad_userinfo",
      "empty_host", "bad_host", "bad_ipv4", "bad_ipv6",  "bad_port",   "bad_percent_encoding", "bad_character"};
  const auto i = static_cast<std::size_t>(e);
  return i < names.size() ? names[i] : std::string_view{};
}

}  // namespace seedance

#include "detail/url/parse.hpp"  // the parser and the host classification

namespace seedance {

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

/// The callback_private_host test of docs/spec.md section 2 (and url_not_public's): true when the host is
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
  detail::text::percent_decode(detail::url::last_segment(raw_path), segment);
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
  const auto one_of = [&](std::string_view ext) {
    for (std::string_view name : accepted) {
      if (name.empty() || name.size() != ext.size()) continue;
      std::size_t k = 0;
      while (k < ext.size() && detail::url::to_lower(ext[k]) == name[k]) ++k;
      if (k == ext.size()) return true;
    }
    return false;
  };
  // The usual segment, in one pass backwards from the end to its '/': no ';' (parameters) and no
  // '%' (escapes); the first '.' met is the last one.
  std::size_t start = raw_path.size(), last_dot = std::string_view::npos;
  bool plain = true;
  while (start > 0 && raw_path[start - 1] != '/') {
    const char c = raw_path[--start];
    if (c == '.' && last_dot == std::string_view::npos) last_dot = start;
    if (c == ';' || c == '%') plain = false;
  }
  if (plain) {
    if (last_dot == std::string_view::npos || last_dot == start || last_dot + 1 == raw_path.size()) return true;  // no extension
    return one_of(raw_path.substr(last_dot + 1));
  }
  // Parameters cut, escapes decoded: the decoded position of the last '.', and the decoded length.
  const std::string_view seg = detail::url::last_segment(raw_path);
  std::size_t decoded = 0;
  std::size_t dot = std::string_view::npos;
  detail::text::percent_decode_each(seg, [&](char c) {
    if (c == '.') dot = decoded;
    ++decoded;
  });
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == decoded) return true;  // no extension
  const std::size_t length = decoded - dot - 1;
  for (std::string_view name : accepted) {
    if (name.empty() || name.size() != length) continue;
    std::size_t at = 0, k = 0;
    bool same = true;
    detail::text::percent_decode_each(seg, [&](char c) {
      if (at++ > dot && same) same = detail::url::to_lower(c) == name[k++];
    });
    if (same) return true;
  }
  return false;
}

}  // namespace seedance

#endif  // SEEDANCE_URL_HPP

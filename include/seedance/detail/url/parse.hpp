// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/url.hpp> (include that, not this header): the parser behind parse_url and parse_url_view, and the host classification.
#ifndef SEEDANCE_URL_HPP
#error "include <seedance/url.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_URL_PARSE_HPP
#define SEEDANCE_DETAIL_URL_PARSE_HPP

namespace seedance::detail::url {

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
        return "the byte " + text::hex_byte(b) + " at offset " + std::to_string(i) +
               " is not ASCII; non-ASCII text must be percent-encoded";
      });
    if (b < 0x20 || b == 0x7f)
      return fail(message, url_error::bad_character, [&] {
        return "the control character " + text::hex_byte(b) + " at offset " + std::to_string(i) + " is not allowed in a URL";
      });
    if (c == ' ')
      return fail(message, url_error::bad_character,
                  [&] { return "a space at offset " + std::to_string(i) + " is not allowed in a URL; write %20"; });
    if (c == '%') {
      if (i + 2 >= text.size() || !is_hex(text[i + 1]) || !is_hex(text[i + 2]))
        return fail(message, url_error::bad_percent_encoding,
                    [&] { return "the '%' at offset " + std::to_string(i) + " is not followed by two hex digits"; });
      continue;
    }
    return fail(message, url_error::bad_character, [&] {
      return "the character '" + std::string(1, c) + "' at offset " + std::to_string(i) + " is not allowed in a URL; percent-encode it";
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
                [&] { return "the scheme " + text::quote(scheme, text::url_part) + " does not start with a letter"; });
  for (const char c : scheme)
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.')
      return fail(message, url_error::bad_scheme, [&] {
        return "the scheme " + text::quote(scheme, text::url_part) + " contains '" + std::string(1, c) +
               "' (only letters, digits, '+', '-' and '.' are allowed)";
      });
  auto rest = text.substr(colon + 1);
  if (rest.substr(0, 2) != "//")
    return fail(message, url_error::no_authority,
                [&] { return "the URL has no authority: \"" + std::string(scheme) + ":\" is not followed by \"//\" and a host"; });
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
      return fail(message, url_error::bad_userinfo,
                  [] { return std::string("the authority has more than one '@'; percent-encode '@' in a user name as %40"); });
    const auto userinfo = hostport.substr(0, at);
    for (const char c : userinfo)
      if (!is_unreserved(c) && !is_sub_delim(c) && c != ':' && c != '%')
        return fail(message, url_error::bad_userinfo,
                    [&] { return "the user information contains '" + std::string(1, c) + "', which it may not"; });
    u.has_userinfo = true;
    u.userinfo = userinfo;
    hostport.remove_prefix(at + 1);
  }
  std::optional<std::string_view> port_text;
  if (!hostport.empty() && hostport[0] == '[') {
    const auto close = hostport.find(']');
    if (close == std::string_view::npos)
      return fail(message, url_error::bad_ipv6,
                  [&] { return "the IPv6 address " + text::quote(hostport, text::url_part) + " has no closing ']'"; });
    const auto literal = hostport.substr(1, close - 1);
    const auto after = hostport.substr(close + 1);
    if (!after.empty() && after[0] != ':')
      return fail(message, url_error::bad_host, [] { return std::string("only ':' and a port may follow the ']' of an IPv6 address"); });
    if (!after.empty()) port_text = after.substr(1);
    if (literal.empty()) return fail(message, url_error::bad_ipv6, [] { return std::string("the brackets \"[]\" hold no IPv6 address"); });
    if (literal[0] == 'v' || literal[0] == 'V')
      return fail(message, url_error::bad_ipv6,
                  [&] { return "the IPvFuture literal " + text::quote(literal, text::url_part) + " is not supported; only IPv6 is"; });
    if (literal.find('%') != std::string_view::npos)
      return fail(message, url_error::bad_ipv6, [&] {
        return "the IPv6 address " + text::quote(literal, text::url_part) + " has a zone identifier, which is not accepted";
      });
    const auto a = parse_ipv6(literal);
    if (!a)
      return fail(message, url_error::bad_ipv6, [&] { return text::quote(literal, text::url_part) + " is not a valid IPv6 address"; });
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
        return fail(message, url_error::bad_port,
                    [&] { return "the port " + text::quote(*port_text, text::url_part) + " is not a number"; });
      v = v * 10 + static_cast<std::uint32_t>(c - '0');
      if (v > 65535) v = 65536;  // keep going to check the digits; never overflows
    }
    if (v > 65535)
      return fail(message, url_error::bad_port, [&] { return "the port " + text::quote(*port_text, text::url_part) + " is over 65535"; });
    u.port = static_cast<std::uint16_t>(v);
  }

  // 4. path-abempty [ "?" query ] [ "#" fragment ]
  std::size_t q = 0;  // one pass: the end of the path, and its characters
  for (; q < tail.size(); ++q) {
    const char c = tail[q];
    if (in_class(c, path_char)) continue;
    if (c == '?' || c == '#') break;
    return fail(message, url_error::bad_character, [&] { return "the path contains '" + std::string(1, c) + "'; percent-encode it"; });
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
        return fail(message, url_error::bad_character, [&] { return "the query contains '" + std::string(1, c) + "'; percent-encode it"; });
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

/// Whether `host` is an IPv4 address in its normal form: four decimal parts of 0..255, each "0" or
/// without a leading zero (a leading zero is octal to the WHATWG parser); the address in `out`.
constexpr bool dotted_quad(std::string_view host, std::uint32_t& out) noexcept {
  std::uint32_t address = 0, part = 0;
  std::size_t parts = 0, digits = 0;
  for (std::size_t i = 0; i <= host.size(); ++i) {
    if (i == host.size() || host[i] == '.') {
      if (digits == 0 || part > 255 || ++parts > 4) return false;
      address = address << 8U | part;
      part = 0;
      digits = 0;
      continue;
    }
    if (!is_digit(host[i]) || (digits == 1 && part == 0) || ++digits > 3) return false;
    part = part * 10 + static_cast<std::uint32_t>(host[i] - '0');
  }
  if (parts != 4) return false;
  out = address;
  return true;
}

/// The usual URL in one pass: a lower-case scheme, "//", a plain DNS name (labels of letters,
/// digits, '-' and '_', no trailing dot) or a dotted-quad IPv4 address, then a path,
/// query and fragment without '%'. Fills `u` exactly as parse_parts would and returns true; false
/// (with `u` in any state) for anything else, which the full parser then reads.
inline bool parse_common(std::string_view text, url_view& u) noexcept {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n && text[i] >= 'a' && text[i] <= 'z') ++i;
  if (i == 0 || i + 3 > n || text[i] != ':' || text[i + 1] != '/' || text[i + 2] != '/') return false;
  const std::size_t h = i + 3;
  std::size_t j = h;
  while (j < n && !in_class(text[j], ends_authority)) ++j;
  // A plain DNS name as parse_parts takes it (plain_name_host: not a port, user information, an
  // IP literal, an escape, an empty label, a trailing dot or a name that ends in a number), or a
  // dotted quad: four decimal parts of 0..255 without leading zeros, whose normal form is the
  // text itself. Anything else: the full parser decides.
  const std::string_view host = text.substr(h, j - h);
  std::uint32_t address = 0;
  const bool number = !plain_name_host(host, u);
  if (number) {
    if (!dotted_quad(host, address)) return false;
    std::memcpy(u.host_bytes.data(), host.data(), host.size());  // at most 15 bytes
    u.host_size = host.size();
  }
  std::size_t q = j;
  for (; q < n; ++q) {
    const char c = text[q];
    if (c == '%') return false;
    if (in_class(c, path_char)) continue;
    if (c == '?' || c == '#') break;
    return false;
  }
  std::size_t f = q;  // the end of the query
  if (q < n && text[q] == '?') {
    for (f = q + 1; f < n && text[f] != '#'; ++f)
      if (text[f] == '%' || !is_query_char(text[f])) return false;
  }
  for (std::size_t k = f + 1; k < n; ++k)  // the fragment, after '#'
    if (text[k] == '%' || !is_query_char(text[k])) return false;
  u.scheme = text.substr(0, i);
  u.has_userinfo = false;
  u.userinfo = {};
  u.kind = number ? host_kind::ipv4 : host_kind::name;
  u.ipv4 = address;
  u.ipv6 = {};
  u.port.reset();
  u.path = text.substr(j, q - j);
  u.query = q < n && text[q] == '?' ? text.substr(q + 1, f - q - 1) : std::string_view{};
  u.fragment = f < n ? text.substr(f + 1) : std::string_view{};
  return true;
}

/// The parser behind `parse_url` and `parse_url_view`: fills `u`, and `*message` (when given) on
/// failure. The errors are those of the checks in order: length, then the whole-input byte checks
/// (bad_character, bad_percent_encoding), then the parts left to right; the byte checks run only
/// when the parts fail or the URL holds a '%' (a URL that passes the parts has no other bad byte).
inline url_error parse(std::string_view text, url_view& u, std::string* message) {
  if (text.empty()) return fail(message, url_error::empty, [] { return std::string("the URL is empty"); });
  if (text.size() > url_max_length)
    return fail(message, url_error::too_long, [&] {
      return "the URL is " + std::to_string(text.size()) + " bytes long, over the limit of " + std::to_string(url_max_length);
    });

  if (parse_common(text, u)) return url_error::none;
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
inline bool is_internal_host(host_kind kind, std::uint32_t ipv4, const std::array<std::uint8_t, 16>& ipv6, std::string_view name) noexcept {
  switch (kind) {
    case host_kind::ipv4: return is_internal_ipv4(ipv4);
    case host_kind::ipv6: return is_internal_ipv6(ipv6);
    case host_kind::name: break;
  }
  return is_internal_name(name);
}

}  // namespace seedance::detail::url

#endif  // SEEDANCE_DETAIL_URL_PARSE_HPP

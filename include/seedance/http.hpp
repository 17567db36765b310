// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Plain HTTP messages: what the protocol core (protocol.hpp) builds and reads, what a transport
// sends and returns. No I/O and no dependency: a user with their own HTTP stack converts these to
// and from its types. Not in the umbrella.
#ifndef SEEDANCE_HTTP_HPP
#define SEEDANCE_HTTP_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seedance {

/// One header field, as sent or received.
struct http_field {
  std::string name;
  std::string value;
};

namespace detail::http {
/// ASCII case-insensitive equality (field names compare without regard to case, RFC 9110 5.1).
[[nodiscard]] constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    const char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] - 'A' + 'a') : b[i];
    if (x != y) return false;
  }
  return true;
}
/// The value of the first field named `name`, or nothing.
[[nodiscard]] inline std::optional<std::string_view> find_field(const std::vector<http_field>& fields, std::string_view name) noexcept {
  for (const http_field& f : fields)
    if (iequals(f.name, name)) return std::string_view(f.value);
  return std::nullopt;
}
}  // namespace detail::http

/// A request to send: `target` is the origin form (path and query); `host` and `port` say where to
/// connect (and `host` is the `Host` field's and TLS SNI's name); `https` says how.
struct http_request {
  std::string method;
  std::string target;
  std::string host;
  std::uint16_t port = 443;
  bool https = true;
  std::vector<http_field> fields;
  std::string body;
  [[nodiscard]] std::optional<std::string_view> field(std::string_view name) const noexcept {
    return detail::http::find_field(fields, name);
  }
};

/// An answer: the status, the fields and the whole body.
struct http_response {
  int status = 0;
  std::vector<http_field> fields;
  std::string body;
  [[nodiscard]] std::optional<std::string_view> field(std::string_view name) const noexcept {
    return detail::http::find_field(fields, name);
  }
};

}  // namespace seedance

#endif  // SEEDANCE_HTTP_HPP

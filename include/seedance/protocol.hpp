// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// The client's protocol core, without I/O (docs/client.md): where the API is (a base URL, checked),
// the HTTP requests of a create, a task read and a result download, idempotency keys, and what an
// answer means: a task, an error with the library's advice (response.hpp), or "outcome unknown"
// for a create that may have been charged. Retry decisions come from `classify_http_error` and
// `classify_transport_failure`: one place decides. A transport (yours, or the library's Beast one)
// sends the requests. Not in the umbrella.
#ifndef SEEDANCE_PROTOCOL_HPP
#define SEEDANCE_PROTOCOL_HPP

#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>

#include "detail/text.hpp"
#include "http.hpp"
#include "response.hpp"
#include "url.hpp"
#include "version.hpp"

namespace seedance {

/// The API's fixed facts, written once.
namespace api_facts {
/// The provider's base URL (its OpenAPI `servers`).
inline constexpr std::string_view default_base_url = "https://api.evolink.ai";
/// The create's path (POST) and the task read's path prefix (GET, then the task id).
inline constexpr std::string_view create_path = "/v1/videos/generations";
inline constexpr std::string_view task_path = "/v1/tasks/";
/// The header that makes a create idempotent (docs/spec.md section 9).
inline constexpr std::string_view idempotency_header = "Idempotency-Key";
/// The longest idempotency key or API key the library sends (a bound, not the provider's rule).
inline constexpr std::size_t max_header_value = 255;
/// `User-Agent` of every request the library builds.
inline constexpr std::string_view user_agent = "seedance/" SEEDANCE_VERSION_STRING;
}  // namespace api_facts

// ---------------------------------------------------------------------------------------------
// Where the API is
// ---------------------------------------------------------------------------------------------

/// A checked base URL: `http` or `https`, a host, a port, an optional path prefix; no credentials,
/// query or fragment.
struct api_endpoint {
  bool https = true;
  std::string host;           ///< normalized (url.hpp); an IPv6 address without brackets
  bool ipv6 = false;
  std::uint16_t port = 443;
  std::string base_path;      ///< "" or "/prefix" (no trailing '/')
  bool loopback = false;      ///< 127.0.0.0/8, ::1 or "localhost"

  /// The `Host` field: the host, bracketed when IPv6, with the port unless it is the scheme's default.
  [[nodiscard]] std::string host_field() const {
    std::string h = ipv6 ? "[" + host + "]" : host;
    if (port != (https ? 443 : 80)) h += ":" + std::to_string(port);
    return h;
  }
  /// The API key may be sent here: over https, or over plain http to this machine only.
  [[nodiscard]] bool may_send_key() const noexcept { return https || loopback; }
};

/// `parse_endpoint`'s result: the endpoint, or one sentence on why not.
struct endpoint_result {
  std::optional<api_endpoint> endpoint;
  std::string error;
  explicit operator bool() const noexcept { return endpoint.has_value(); }
};

/// Reads a base URL such as `https://api.evolink.ai` or `http://127.0.0.1:8080`.
[[nodiscard]] inline endpoint_result parse_endpoint(std::string_view base_url) {
  endpoint_result r;
  url_result u = parse_url(base_url);
  if (!u) {
    r.error = "the base URL is not a URL: " + u.message;
    return r;
  }
  const url_parts& p = *u.url;
  if (p.scheme != "https" && p.scheme != "http") {
    r.error = "the base URL's scheme must be https or http, not " + p.scheme;
    return r;
  }
  if (p.has_userinfo) {
    r.error = "the base URL must not carry credentials (user:password@): give the API key as the key";
    return r;
  }
  if (!p.query.empty() || !p.fragment.empty() || base_url.find_first_of("?#") != std::string_view::npos) {
    r.error = "the base URL must not have a query or a fragment";
    return r;
  }
  api_endpoint e;
  e.https = p.scheme == "https";
  e.host = p.host;
  e.ipv6 = p.kind == host_kind::ipv6;
  e.port = p.port.value_or(e.https ? 443 : 80);
  e.base_path = p.path;
  while (!e.base_path.empty() && e.base_path.back() == '/') e.base_path.pop_back();
  static constexpr std::array<std::uint8_t, 16> v6_loopback{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  e.loopback = (p.kind == host_kind::ipv4 && (p.ipv4 >> 24) == 127) || (e.ipv6 && p.ipv6 == v6_loopback) || p.host == "localhost";
  r.endpoint = std::move(e);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

namespace detail::client {
/// A header value the library may send: 1..max_header_value visible ASCII characters, no space (so
/// that no key can split a header or smuggle another one).
[[nodiscard]] constexpr bool header_token(std::string_view v) noexcept {
  if (v.empty() || v.size() > api_facts::max_header_value) return false;
  for (const char c : v)
    if (c <= ' ' || c >= 0x7f) return false;
  return true;
}
/// Percent-encodes every byte of a path segment that is not unreserved (RFC 3986), so that a task
/// id can neither leave its segment nor the path.
[[nodiscard]] inline std::string path_segment(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += text::hex2(c, true);
    }
  }
  return out;
}
}  // namespace detail::client

/// Whether `key` can be sent as an API key or an idempotency key (visible ASCII, no spaces, at most
/// `api_facts::max_header_value` characters).
[[nodiscard]] constexpr bool valid_header_key(std::string_view key) noexcept { return detail::client::header_token(key); }

/// A fresh idempotency key: 128 random bits (std::random_device) as 32 lower-case hex digits. One
/// key per logical request: every retry of that request sends the same key.
[[nodiscard]] inline std::string new_idempotency_key() {
  std::random_device rd;
  std::string key;
  key.reserve(32);
  for (int word = 0; word < 4; ++word) {
    const std::uint32_t v = static_cast<std::uint32_t>(rd());
    for (int shift = 28; shift >= 0; shift -= 4) key += detail::text::hex_digit((v >> shift) & 15);
  }
  return key;
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/// Why a request could not be built (nothing is sent).
enum class build_error : std::uint8_t {
  none,
  key_over_plain_http,  ///< an API key to a plain-http host that is not this machine
  bad_api_key,          ///< empty, too long, or not visible ASCII
  bad_idempotency_key,  ///< not visible ASCII, or too long
  bad_task_id,          ///< empty
  bad_result_url,       ///< not an http(s) URL, or one with credentials
};

template <>
struct enum_strings<build_error> {
  static constexpr std::array<std::string_view, 6> values{"none",        "key_over_plain_http", "bad_api_key", "bad_idempotency_key",
                                                          "bad_task_id", "bad_result_url"};
};

/// A built request, or why not. Messages never contain the key.
struct built_request {
  std::optional<http_request> request;
  build_error error = build_error::none;
  std::string message;
  explicit operator bool() const noexcept { return request.has_value(); }
};

namespace detail::client {
inline built_request refuse(build_error e, std::string message) {
  built_request r;
  r.error = e;
  r.message = std::move(message);
  return r;
}
inline http_request base_request(const api_endpoint& ep, std::string method, std::string target) {
  http_request q;
  q.method = std::move(method);
  q.target = std::move(target);
  q.host = ep.host;
  q.port = ep.port;
  q.https = ep.https;
  q.fields.push_back({"Host", ep.host_field()});
  q.fields.push_back({"User-Agent", std::string(api_facts::user_agent)});
  q.fields.push_back({"Accept", "application/json"});
  return q;
}
/// The checks shared by every call that carries the key.
inline std::optional<built_request> check_key(const api_endpoint& ep, std::string_view api_key) {
  if (!ep.may_send_key())
    return refuse(build_error::key_over_plain_http, "refusing to send the API key over plain http to " + ep.host +
                                                        ": use https (plain http is allowed to this machine only)");
  if (!header_token(api_key)) return refuse(build_error::bad_api_key, "the API key is empty, too long or holds characters a header cannot");
  return std::nullopt;
}
}  // namespace detail::client

/// `POST {base}/v1/videos/generations` with `body` (the request's JSON, sent byte for byte: keep it
/// and send the same bytes on every retry), `Authorization: Bearer`, and `Idempotency-Key`.
[[nodiscard]] inline built_request create_request(const api_endpoint& ep, std::string_view api_key, std::string body,
                                                  std::string_view idempotency_key) {
  if (auto refused = detail::client::check_key(ep, api_key)) return std::move(*refused);
  if (!detail::client::header_token(idempotency_key))
    return detail::client::refuse(build_error::bad_idempotency_key, "the idempotency key must be 1 to 255 visible ASCII characters");
  built_request r;
  r.request = detail::client::base_request(ep, "POST", ep.base_path + std::string(api_facts::create_path));
  http_request& q = *r.request;
  q.fields.push_back({"Authorization", "Bearer " + std::string(api_key)});
  q.fields.push_back({"Content-Type", "application/json"});
  q.fields.push_back({std::string(api_facts::idempotency_header), std::string(idempotency_key)});
  q.body = std::move(body);
  return r;
}

/// `GET {base}/v1/tasks/{id}` (the id percent-encoded as one path segment).
[[nodiscard]] inline built_request task_request(const api_endpoint& ep, std::string_view api_key, std::string_view task_id) {
  if (auto refused = detail::client::check_key(ep, api_key)) return std::move(*refused);
  if (task_id.empty()) return detail::client::refuse(build_error::bad_task_id, "the task id is empty");
  built_request r;
  r.request =
      detail::client::base_request(ep, "GET", ep.base_path + std::string(api_facts::task_path) + detail::client::path_segment(task_id));
  r.request->fields.push_back({"Authorization", "Bearer " + std::string(api_key)});
  return r;
}

/// `GET` of a result URL: never with the API key (a result host is not the API). The URL must be
/// http or https; the target keeps its path and query as sent.
[[nodiscard]] inline built_request download_request(std::string_view result_url) {
  url_result u = parse_url(result_url);
  if (!u || (u.url->scheme != "https" && u.url->scheme != "http") || u.url->has_userinfo)
    return detail::client::refuse(build_error::bad_result_url, "the result URL is not an http(s) URL without credentials");
  const url_parts& p = *u.url;
  api_endpoint ep;
  ep.https = p.scheme == "https";
  ep.host = p.host;
  ep.ipv6 = p.kind == host_kind::ipv6;
  ep.port = p.port.value_or(ep.https ? 443 : 80);
  std::string target = p.path.empty() ? "/" : p.path;
  if (!p.query.empty()) target += "?" + p.query;
  built_request r;
  r.request = detail::client::base_request(ep, "GET", std::move(target));
  r.request->fields[2].value = "*/*";  // Accept: a video, not JSON
  return r;
}

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

/// What an answer (or its absence) means for the caller.
enum class call_outcome : std::uint8_t {
  ok,               ///< a task: created (a create) or read (a read)
  retry,            ///< nothing was created (or it was a read): the same request again after `advice.retry_after`
  failed,           ///< a final error: `advice` says what must change
  outcome_unknown,  ///< a create that may have been charged: look it up, or resend with the same idempotency key only
};

template <>
struct enum_strings<call_outcome> {
  static constexpr std::array<std::string_view, 4> values{"ok", "retry", "failed", "outcome_unknown"};
};

/// An interpreted answer.
struct call_result {
  call_outcome outcome = call_outcome::failed;
  int http_status = 0;                 ///< 0 when no answer came
  std::optional<video_task> task;      ///< for `ok`
  std::optional<api_error> error;      ///< the provider's error body, when it had a readable one
  error_advice advice;                 ///< for anything but `ok`
  std::string message;                 ///< one sentence for people (never the key)
  std::string body;                    ///< the answer's body as received (the provider's task or error JSON)
};

namespace detail::client {
inline call_outcome outcome_of(const error_advice& a) noexcept {
  switch (a.action) {
    case error_action::retry: return call_outcome::retry;
    case error_action::outcome_unknown: return call_outcome::outcome_unknown;
    default: return call_outcome::failed;
  }
}
inline call_result interpret(api_operation op, const http_response& res, unsigned attempt) {
  call_result r;
  r.http_status = res.status;
  r.body = res.body;
  if (res.status >= 200 && res.status <= 299) {
    parse_result<video_task> t = parse_task(std::string_view(res.body));
    if (t.ok() && t.value->id && !t.value->id->empty()) {
      r.outcome = call_outcome::ok;
      r.task = std::move(t.value);
      return r;
    }
    // A success whose body cannot be read: a create may have happened; a read can be repeated.
    r.advice = classify_transport_failure(op, true, attempt);
    r.outcome = outcome_of(r.advice);
    r.message = "HTTP " + std::to_string(res.status) + " with a body that is not a task" + (t.ok() ? " (no id)" : ": " + t.message);
    return r;
  }
  parse_result<api_error> e = parse_error_body(std::string_view(res.body));
  if (e.ok()) r.error = std::move(e.value);
  std::optional<std::chrono::seconds> retry_after;
  if (auto v = res.field("Retry-After")) retry_after = parse_retry_after(*v);
  r.advice = classify_http_error(op, res.status, r.error ? &*r.error : nullptr, attempt, retry_after);
  r.outcome = outcome_of(r.advice);
  r.message = "HTTP " + std::to_string(res.status);
  if (r.error && !r.error->code.empty()) r.message += " " + r.error->code;
  if (r.error && !r.error->message.empty()) r.message += ": " + r.error->message;
  return r;
}
}  // namespace detail::client

/// What the answer to a create means: `ok` with the created task; `retry` only when the answer
/// proves that nothing was created (429, 408, availability codes, a 503 with `Retry-After`);
/// `outcome_unknown` for 500, 502, 504, a 503 without `Retry-After`, `paid_outcome_unknown` or a
/// 2xx whose body is not a task; otherwise `failed`. `attempt` counts retries already made.
[[nodiscard]] inline call_result interpret_create(const http_response& res, unsigned attempt = 0) {
  return detail::client::interpret(api_operation::create, res, attempt);
}

/// What the answer to a task read means: `ok` with the task (whatever its status), `retry` after any
/// transient error, else `failed` (404: check the id; 401/403: the account).
[[nodiscard]] inline call_result interpret_read(const http_response& res, unsigned attempt = 0) {
  return detail::client::interpret(api_operation::read, res, attempt);
}

/// A call that got no answer. `sent`: whether any byte of the request may have been written (false
/// only when connecting or the TLS handshake failed). A create that may have been sent is
/// `outcome_unknown`; anything else is `retry`.
[[nodiscard]] inline call_result interpret_transport_failure(api_operation op, bool sent, std::string what, unsigned attempt = 0) {
  call_result r;
  r.advice = classify_transport_failure(op, sent, attempt);
  r.outcome = detail::client::outcome_of(r.advice);
  r.message = std::move(what);
  r.message += sent ? " (the request may have been sent)" : " (nothing was sent)";
  return r;
}

}  // namespace seedance

#endif  // SEEDANCE_PROTOCOL_HPP

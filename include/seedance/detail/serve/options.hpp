// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/serve.hpp>: the options of the local double (docs/serve.md), shared by the API
// logic (api.hpp) and the HTTP server (server.hpp). No I/O.
#ifndef SEEDANCE_DETAIL_SERVE_OPTIONS_HPP
#define SEEDANCE_DETAIL_SERVE_OPTIONS_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "../../decimal.hpp"
#include "../../spec.hpp"

namespace seedance::serve {

/// What the API logic decides with (everything but the sockets).
struct api_options {
  /// Accepted keys (`Authorization: Bearer KEY`). Empty: any non-empty key is accepted.
  std::vector<std::string> api_keys;
  /// Per-key model access: a key listed here may create tasks only for these model ids (403
  /// `model_access_denied` for the others); a key not listed may use every model.
  std::map<std::string, std::set<std::string>> key_models;
  /// The account's credits; empty: unlimited (no 402, nothing reserved from a balance).
  std::optional<decimal> credits;
  /// Creates per second per key; 0: no limit.
  unsigned rate_limit = 0;
  /// Every duration of a task (its estimated time, the life of its result URLs) is multiplied by
  /// this: 0.01 makes a 165 s job take 1.65 s.
  double time_scale = 1.0;
  /// The seed of every deterministic outcome (failures, injected errors, ids).
  std::uint64_t seed = 0;
  /// Fractions in [0, 1]: tasks that fail; creates answered 503 before anything is created; creates
  /// that create the task and then lose the answer (the connection is dropped).
  double fail_rate = 0;
  double error_rate = 0;
  double drop_rate = 0;
  /// How a drawn drop loses the answer: the connection is closed without one (the default), or a
  /// gateway's 502 (an HTML page, as a proxy sends, not the API's error body) comes instead.
  enum class drop_mode : std::uint8_t { close, bad_gateway } drop_as = drop_mode::close;
  /// The validator's strict mode (unknown_field and field_ignored are errors).
  bool strict = false;
  /// Accept `callback_url`s on 127.0.0.1 and localhost (the validator's `allow_local_callbacks`);
  /// callbacks are delivered to those only.
  bool allow_local_callbacks = false;
  /// The pricing feed's text (served by GET /v1/catalog/pricing-rules, parsed for estimates); empty:
  /// the built-in feed.
  std::string pricing_feed;
  /// The bytes of the result video; empty: the built-in clip (clip.hpp).
  std::string result_file;
  /// Where results are served: "http://HOST:PORT" (the server sets it once it listens).
  std::string base_url = "http://127.0.0.1";
};

/// One access-log entry.
struct access_entry {
  std::string method;
  std::string target;
  int status = 0;
  std::size_t bytes = 0;  // of the response body
  std::chrono::microseconds elapsed{0};
  bool dropped = false;   // the answer was not sent (--drop-rate)
};

/// What the HTTP server adds.
struct server_options {
  api_options api;
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  // 0: a free port (server::port() tells which)
  unsigned threads = 4;
  /// Request bodies above this are answered 413 (the provider's 64 MiB).
  std::uint64_t body_limit = limits::body_max_bytes;
  /// Request line plus header fields.
  std::uint32_t header_limit = 16 * 1024;
  /// Connections open at once; more are closed at once.
  std::size_t max_connections = 256;
  /// A client that sends nothing (or reads nothing) for this long is disconnected.
  std::chrono::milliseconds idle_timeout{30000};
  /// Called after each request, and after each callback attempt (method "CALLBACK", the URL as
  /// target, the receiver's status or 0), from a server thread; may be called concurrently.
  std::function<void(const access_entry&)> access_log;
  /// How often ended tasks are looked for, to deliver their callbacks.
  std::chrono::milliseconds callback_tick{20};
  /// https: a PEM certificate chain and its PEM private key (both, or neither: http). The result
  /// URLs are https too.
  std::string tls_certificate_file;
  std::string tls_private_key_file;
};

}  // namespace seedance::serve

#endif  // SEEDANCE_DETAIL_SERVE_OPTIONS_HPP

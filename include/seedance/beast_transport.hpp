// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// A transport for the client (client.hpp) on Boost.Beast and OpenSSL: http:// and https://, with
// certificate verification on by default (the system store, or a CA file), SNI and host-name
// verification, one deadline for the whole exchange, bounded answers. Not in the umbrella; link
// OpenSSL (OpenSSL::SSL) and Threads when you include it. Users with their own HTTP stack implement
// the `transport` concept instead. See docs/client.md.
#ifndef SEEDANCE_BEAST_TRANSPORT_HPP
#define SEEDANCE_BEAST_TRANSPORT_HPP

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <chrono>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <type_traits>
#include <string>
#include <utility>

#include "client.hpp"
#include "http.hpp"

namespace seedance {

struct beast_transport_options {
  /// A PEM file of the certificates to trust instead of the system store (for tests with a
  /// self-signed certificate).
  std::string ca_file;
  /// Largest answer body read; a longer one is an error (no answer).
  std::uint64_t max_body = std::uint64_t{64} << 20;
  /// Largest download written to a file (`send_to_file`).
  std::uint64_t max_download = std::uint64_t{4} << 30;
};

/// Sends each request on a connection of its own (so `send_options::fresh_connection` always
/// holds), and never throws. Use it as `beast_transport`: the template parameter exists only so
/// that a program can compile it once (SEEDANCE_NET_SEPARATE_COMPILATION, <seedance/net_src.hpp>).
template <class Unused = void>
class basic_beast_transport {
 public:
  explicit basic_beast_transport(beast_transport_options options = {}) : options_(std::move(options)) {}

  [[nodiscard]] transport_result send(const http_request& q, const send_options& o) noexcept { return guarded(q, o, nullptr); }

  /// As `send`, but the answer's body streams into `file` (created or truncated; bounded by
  /// `max_download`), and the response's body stays empty.
  [[nodiscard]] transport_result send_to_file(const http_request& q, const send_options& o, const std::filesystem::path& file) noexcept {
    return guarded(q, o, &file);
  }

 private:
  using tcp = boost::asio::ip::tcp;
  using clock = std::chrono::steady_clock;

  transport_result guarded(const http_request& q, const send_options& o, const std::filesystem::path* file) noexcept;

  /// Runs the io_context until the started operation completes (each operation has its deadline).
  static void run(boost::asio::io_context& ioc) {
    ioc.run();
    ioc.restart();
  }

  void exchange(const http_request& q, const send_options& o, transport_result& r, const std::filesystem::path* file);

  template <class Stream>
  void talk(Stream& s, boost::beast::tcp_stream& lowest, boost::beast::http::request<boost::beast::http::string_body>& req,
            clock::time_point deadline, transport_result& r, boost::asio::io_context& ioc, const std::filesystem::path* file) {
    namespace beast = boost::beast;
    namespace http = boost::beast::http;
    beast::error_code ec;
    // From here on, bytes of the request may reach the server.
    r.sent = true;
    lowest.expires_at(deadline);
    http::async_write(s, req, [&](const beast::error_code& e, std::size_t) { ec = e; });
    run(ioc);
    if (ec) return fail(r, "sending: " + ec.message());
    if (file == nullptr) read_answer<http::string_body>(s, lowest, deadline, r, ioc, [](auto&) { return beast::error_code{}; });
    else
      read_answer<http::file_body>(s, lowest, deadline, r, ioc, [&](auto& parser) {
        beast::error_code open_ec;
        parser.get().body().open(file->string().c_str(), beast::file_mode::write, open_ec);
        return open_ec;
      });
    beast::error_code ignored;
    lowest.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  }

  template <class Body, class Stream, class Prepare>
  void read_answer(Stream& s, boost::beast::tcp_stream& lowest, clock::time_point deadline, transport_result& r,
                   boost::asio::io_context& ioc, Prepare prepare) {
    namespace beast = boost::beast;
    namespace http = boost::beast::http;
    beast::error_code ec;
    beast::flat_buffer buffer;
    http::response_parser<Body> parser;
    parser.body_limit(std::is_same_v<Body, http::file_body> ? options_.max_download : options_.max_body);
    parser.header_limit(64 * 1024);
    if (beast::error_code open_ec = prepare(parser)) return fail(r, "opening the output file: " + open_ec.message());
    lowest.expires_at(deadline);
    http::async_read(s, buffer, parser, [&](const beast::error_code& e, std::size_t) { ec = e; });
    run(ioc);
    if (ec) return fail(r, "reading the answer: " + ec.message());
    auto res = parser.release();
    http_response out;
    out.status = static_cast<int>(res.result_int());
    for (const auto& f : res) out.fields.push_back({std::string(f.name_string()), std::string(f.value())});
    if constexpr (std::is_same_v<Body, http::string_body>) out.body = std::move(res.body());
    r.response = std::move(out);
  }

  static void fail(transport_result& r, std::string what) {
    r.response.reset();
    r.error = std::move(what);
  }

  beast_transport_options options_;
};

template <class Unused>
transport_result basic_beast_transport<Unused>::guarded(const http_request& q, const send_options& o,
                                                        const std::filesystem::path* file) noexcept {
  transport_result r;
  try {
    exchange(q, o, r, file);
  } catch (const std::exception& e) {
    r.response.reset();
    r.error = e.what();
  } catch (...) {
    r.response.reset();
    r.error = "unknown error";
  }
  return r;
}

template <class Unused>
void basic_beast_transport<Unused>::exchange(const http_request& q, const send_options& o, transport_result& r,
                                             const std::filesystem::path* file) {
  namespace beast = boost::beast;
  namespace http = boost::beast::http;
  namespace ssl = boost::asio::ssl;
  boost::asio::io_context ioc;
  const clock::time_point deadline = clock::now() + o.timeout;
  beast::error_code ec;

  // An address literal (127.0.0.1, ::1) needs no resolving: Asio resolves on a thread of its own,
  // started for each exchange, which cost about half a millisecond per request on loopback.
  beast::tcp_stream stream(ioc);
  beast::error_code literal_error;
  const boost::asio::ip::address literal = boost::asio::ip::make_address(q.host, literal_error);
  if (!literal_error) {
    stream.expires_at(deadline);
    stream.async_connect(tcp::endpoint(literal, q.port), [&](const beast::error_code& e) { ec = e; });
  } else {
    // Resolve, bounded by the deadline (a resolver has no expiry of its own).
    tcp::resolver resolver(ioc);
    tcp::resolver::results_type endpoints;
    boost::asio::steady_timer resolve_timer(ioc, deadline);
    bool resolved = false;
    resolve_timer.async_wait([&](const beast::error_code& e) {
      if (!e && !resolved) resolver.cancel();
    });
    resolver.async_resolve(q.host, std::to_string(q.port), [&](const beast::error_code& e, tcp::resolver::results_type res) {
      resolved = true;
      ec = e;
      endpoints = std::move(res);
      resolve_timer.cancel();
    });
    run(ioc);
    if (ec) return fail(r, "resolving " + q.host + ": " + ec.message());
    stream.expires_at(deadline);
    stream.async_connect(endpoints, [&](const beast::error_code& e, const tcp::endpoint&) { ec = e; });
  }
  run(ioc);
  if (ec) return fail(r, "connecting to " + q.host + ":" + std::to_string(q.port) + ": " + ec.message());

  http::request<http::string_body> req;
  const http::verb verb = http::string_to_verb(q.method);
  if (verb == http::verb::unknown) return fail(r, "unknown method " + q.method);
  req.method(verb);
  req.target(q.target);
  req.version(11);
  for (const http_field& f : q.fields) req.set(f.name, f.value);
  req.set(http::field::connection, "close");
  req.body() = q.body;
  req.prepare_payload();

  if (!q.https) return talk(stream, stream, req, deadline, r, ioc, file);

  ssl::context ctx(ssl::context::tls_client);
  ctx.set_verify_mode(ssl::verify_peer);
  if (options_.ca_file.empty()) ctx.set_default_verify_paths();
  else ctx.load_verify_file(options_.ca_file);
  beast::ssl_stream<beast::tcp_stream> tls(std::move(stream), ctx);
  if (!SSL_set_tlsext_host_name(tls.native_handle(), q.host.c_str())) return fail(r, "TLS: cannot set the server name");
  tls.set_verify_callback(ssl::host_name_verification(q.host));
  beast::get_lowest_layer(tls).expires_at(deadline);
  tls.async_handshake(ssl::stream_base::client, [&](const beast::error_code& e) { ec = e; });
  run(ioc);
  if (ec) {
    // A TLS-level refusal (the certificate or the host name, no common protocol) stays one on
    // retry; a reset or a timeout during the handshake may not.
    r.final = ec.category() == boost::asio::error::get_ssl_category();
    return fail(r, "TLS handshake with " + q.host + ": " + ec.message());
  }
  return talk(tls, beast::get_lowest_layer(tls), req, deadline, r, ioc, file);
}

using beast_transport = basic_beast_transport<>;
static_assert(transport<beast_transport>);

/// The client on the Beast transport.
using client = basic_client<beast_transport>;

}  // namespace seedance

#ifdef SEEDANCE_NET_SEPARATE_COMPILATION  // compiled once, in the program's TU that includes <seedance/net_src.hpp>
extern template class seedance::basic_beast_transport<void>;
extern template class seedance::basic_client<seedance::beast_transport>;
#endif

#endif  // SEEDANCE_BEAST_TRANSPORT_HPP

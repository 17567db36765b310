// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/serve.hpp>: the local double's HTTP server, Boost.Beast over Boost.Asio. It
// moves bytes only: every answer comes from `api_state::handle` (api.hpp). HTTP/1.1 with keep-alive,
// a small thread pool, bounded bodies (64 MiB, then 413), bounded headers (then 431), bounded
// connections (more are closed at once), a deadline on every read and write (slow clients are
// disconnected), and a graceful stop (no new connections, answers in flight are sent, idle
// connections are closed). With a certificate and key (server_options::tls_*), https over OpenSSL
// (link OpenSSL::SSL).
#ifndef SEEDANCE_DETAIL_SERVE_SERVER_HPP
#define SEEDANCE_DETAIL_SERVE_SERVER_HPP

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "api.hpp"
#include "callbacks.hpp"
#include "options.hpp"

namespace seedance::serve {

namespace detail {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

class connection_registry;

/// What the registry knows of a connection: it can be asked to stop.
class session_base {
 public:
  explicit session_base(connection_registry& registry) : registry_(registry) {}
  session_base(const session_base&) = delete;
  session_base& operator=(const session_base&) = delete;
  virtual ~session_base();
  /// From any thread: stop after the answer in flight; an idle connection closes now.
  virtual void stop() = 0;

 private:
  connection_registry& registry_;
};

using tls_stream = beast::ssl_stream<beast::tcp_stream>;

/// One connection: read a request, answer it, again while the client keeps the connection alive.
/// `Stream` is beast::tcp_stream (http) or tls_stream (https: the TLS handshake comes first).
template <class Stream>
class session : public session_base, public std::enable_shared_from_this<session<Stream>> {
  static constexpr bool tls = std::is_same_v<Stream, tls_stream>;

 public:
  template <class... StreamArgs>
  session(api_state& api, const server_options& options, connection_registry& registry, StreamArgs&&... stream_args)
      : session_base(registry), stream_(std::forward<StreamArgs>(stream_args)...), api_(api), options_(options) {}

  void run() {
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if constexpr (tls) {
        self->tcp().expires_after(self->options_.idle_timeout);
        self->stream_.async_handshake(net::ssl::stream_base::server, [self](beast::error_code ec) {
          if (ec) return self->close();
          self->read();
        });
      } else {
        self->read();
      }
    });
  }
  void stop() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
      self->stopping_ = true;
      if (self->reading_) self->tcp().cancel();
    });
  }

 private:
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> response_;
  api_state& api_;
  const server_options& options_;
  bool stopping_ = false;
  bool reading_ = false;
  bool linger_ = false;  // the request was not read whole: drain it before closing
  std::array<char, 4096> scratch_{};

  beast::tcp_stream& tcp() { return beast::get_lowest_layer(stream_); }

  void read() {
    if (stopping_) return close();
    parser_.emplace();
    parser_->body_limit(options_.body_limit);
    parser_->header_limit(options_.header_limit);
    tcp().expires_after(options_.idle_timeout);
    reading_ = true;
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    reading_ = false;
    const auto started = std::chrono::steady_clock::now();
    if (ec == bhttp::error::body_limit) return answer_error(api_state::too_large(), started);
    if (ec == bhttp::error::header_limit) {
      http_response r = detail::error_response(431, "invalid_request",
                                               "the request's header is over " + std::to_string(options_.header_limit) + " bytes");
      return answer_error(std::move(r), started);
    }
    if (ec) return close();  // end of stream, timeout, reset, stop, malformed HTTP
    const bhttp::request<bhttp::string_body>& req = parser_->get();
    http_request in;
    in.method = std::string(req.method_string());
    in.target = std::string(req.target());
    for (const auto& f : req) in.fields.push_back({std::string(f.name_string()), std::string(f.value())});
    in.body = req.body();
    reply out = api_.handle(in, std::chrono::system_clock::now());
    log(in.method, in.target, out.response, started, out.drop);
    if (out.drop) return close_now();  // created, then the connection is lost (--drop-rate)
    write(std::move(out.response), req.keep_alive() && !stopping_, req.version());
  }

  /// An answer after a read error (413, 431): the rest of the request is not read, so the
  /// connection closes after it.
  void answer_error(http_response r, std::chrono::steady_clock::time_point started) {
    const bhttp::request<bhttp::string_body>& req = parser_->get();
    log(std::string(req.method_string()), std::string(req.target()), r, started, false);
    linger_ = true;
    write(std::move(r), false, 11);
  }

  /// After an answer to a request that was not read whole: stop sending, read (and drop) what the
  /// client still sends for at most a second, then close. Closing with unread bytes would reset the
  /// connection, and the client could lose the answer.
  void linger() {
    beast::error_code ignored;
    tcp().socket().shutdown(tcp::socket::shutdown_send, ignored);
    tcp().expires_after(std::chrono::seconds{1});
    drain();
  }
  void drain() {
    stream_.async_read_some(net::buffer(scratch_), [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->close();
      self->drain();
    });
  }

  void write(http_response r, bool keep_alive, unsigned version) {
    response_ = {};
    response_.version(version);
    response_.result(static_cast<unsigned>(r.status));
    response_.set(bhttp::field::server, "seedance-serve");
    for (const http_field& f : r.fields) response_.set(f.name, f.value);
    response_.body() = std::move(r.body);
    response_.keep_alive(keep_alive);
    response_.prepare_payload();
    tcp().expires_after(options_.idle_timeout);
    bhttp::async_write(stream_, response_, [self = this->shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
      if (!ec && self->linger_) return self->linger();
      if (ec || !keep_alive) return self->close();
      self->read();
    });
  }

  void log(const std::string& method, const std::string& target, const http_response& r, std::chrono::steady_clock::time_point started,
           bool dropped) const {
    if (!options_.access_log) return;
    access_entry e{method,
                   target,
                   r.status,
                   r.body.size(),
                   std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started),
                   dropped};
    try {
      options_.access_log(e);
    } catch (...) {}
  }

  /// The end of a connection: over TLS, a close_notify first (at most a second), so that the
  /// client can tell the end from a cut.
  void close() {
    if constexpr (tls) {
      if (!closing_) {
        closing_ = true;
        tcp().expires_after(std::chrono::seconds{1});
        stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) { self->close_now(); });
        return;
      }
    }
    close_now();
  }
  void close_now() {
    beast::error_code ignored;
    tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
    tcp().socket().close(ignored);
  }
  bool closing_ = false;
};

/// The open connections: counted (for the limit) and reachable (for a graceful stop).
class connection_registry {
 public:
  /// Adds a session; false when the limit is reached.
  bool add(const std::shared_ptr<session_base>& s, std::size_t limit) {
    const std::lock_guard lock(mutex_);
    std::erase_if(sessions_, [](const std::weak_ptr<session_base>& w) { return w.expired(); });
    ++open_;  // every session counts until its destructor (remove), refused ones too
    if (open_ > limit) return false;
    sessions_.push_back(s);
    return true;
  }
  void remove() {
    const std::lock_guard lock(mutex_);
    --open_;
    changed_.notify_all();
  }
  void stop_all() {
    std::vector<std::shared_ptr<session_base>> live;
    {
      const std::lock_guard lock(mutex_);
      for (const auto& w : sessions_)
        if (auto s = w.lock()) live.push_back(std::move(s));
    }
    for (const auto& s : live) s->stop();
  }
  /// Waits until no connection is open, at most `limit`; true when none is.
  bool wait_idle(std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, limit, [&] { return open_ == 0; });
  }
  [[nodiscard]] std::size_t open() {
    const std::lock_guard lock(mutex_);
    return open_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::list<std::weak_ptr<session_base>> sessions_;
  std::size_t open_ = 0;
};

inline session_base::~session_base() { registry_.remove(); }

}  // namespace detail

/// The local double as an in-process server: construct, `start()` (then `port()` or `base_url()`),
/// `stop()` (also by the destructor). Not copyable or movable. Use it as `server`: the template
/// parameter exists only so that a program can compile it once (SEEDANCE_NET_SEPARATE_COMPILATION,
/// <seedance/net_src.hpp>).
template <class Unused = void>
class basic_server {
 public:
  explicit basic_server(server_options options) : options_(std::move(options)), api_(options_.api) {}
  basic_server(const basic_server&) = delete;
  basic_server& operator=(const basic_server&) = delete;
  ~basic_server() { stop(); }

  /// Binds to `host:port` (port 0: a free one), listens and starts the threads. Throws
  /// std::runtime_error (or boost::system::system_error) when it cannot listen, or cannot load the
  /// TLS certificate or key.
  void start();

  /// Stops accepting, lets the answers in flight finish (at most `grace`), closes every connection
  /// and joins the threads. Idempotent.
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds{5000});

  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
  /// "http://HOST:PORT", or "https://HOST:PORT" with a certificate.
  [[nodiscard]] const std::string& base_url() const noexcept { return base_url_; }
  /// The API logic (for its state).
  [[nodiscard]] api_state& api() noexcept { return api_; }
  /// Connections open now.
  [[nodiscard]] std::size_t connections() { return registry_.open(); }

 private:
  // In this order: sessions and deliveries abandoned in the io_context at destruction still refer to
  // the registry, the API and the options.
  server_options options_;
  api_state api_;
  detail::connection_registry registry_;
  detail::net::io_context ioc_;
  std::optional<detail::tcp::acceptor> acceptor_;
  std::vector<std::thread> threads_;
  std::uint16_t port_ = 0;
  std::string base_url_;
  std::atomic<bool> running_{false};
  std::optional<detail::net::steady_timer> tick_;
  std::optional<detail::net::ssl::context> tls_;

  /// With server_options::tls_certificate_file and tls_private_key_file: the TLS context (TLS 1.2
  /// and later). One without the other is an error.
  void load_tls();

  /// Every `callback_tick`: the callbacks of the tasks that have ended, each delivered by its own
  /// callback_delivery (loopback URLs only; others are logged as status 0 and dropped).
  void tick();
  void log_callback(const std::string& url, int status) const;

  template <class Stream, class... Extra>
  void open_session(detail::tcp::socket socket, Extra&... extra) {
    auto s = std::make_shared<detail::session<Stream>>(api_, options_, registry_, std::move(socket), extra...);
    if (registry_.add(s, options_.max_connections)) s->run();  // else: destroyed, the socket closes
  }

  void accept();
};

template <class Unused>
void basic_server<Unused>::start() {
  namespace net = detail::net;
  if (running_) throw std::runtime_error("the server is already running");
  load_tls();
  ioc_.restart();
  acceptor_.emplace(net::make_strand(ioc_));
  const detail::tcp::endpoint ep{net::ip::make_address(options_.host), options_.port};
  acceptor_->open(ep.protocol());
  acceptor_->set_option(net::socket_base::reuse_address(true));
  acceptor_->bind(ep);
  acceptor_->listen(net::socket_base::max_listen_connections);
  port_ = acceptor_->local_endpoint().port();
  const bool v6 = ep.address().is_v6();
  base_url_ = std::string(tls_ ? "https://" : "http://") + (v6 ? "[" + options_.host + "]" : options_.host) + ":" + std::to_string(port_);
  api_.set_base_url(base_url_);
  accept();
  tick_.emplace(net::make_strand(ioc_));
  running_ = true;
  tick();
  const unsigned n = options_.threads > 0 ? options_.threads : 1;
  for (unsigned i = 0; i < n; ++i) threads_.emplace_back([this] { ioc_.run(); });
}

template <class Unused>
void basic_server<Unused>::stop(std::chrono::milliseconds grace) {
  if (!running_) return;
  running_ = false;
  detail::net::post(acceptor_->get_executor(), [this] {
    detail::beast::error_code ignored;
    acceptor_->close(ignored);
  });
  detail::net::post(tick_->get_executor(), [this] { tick_->cancel(); });
  registry_.stop_all();
  (void)registry_.wait_idle(grace);
  ioc_.stop();  // callbacks still being delivered are abandoned
  for (std::thread& t : threads_) t.join();
  threads_.clear();
  acceptor_.reset();
  tick_.reset();
}

template <class Unused>
void basic_server<Unused>::load_tls() {
  tls_.reset();
  if (options_.tls_certificate_file.empty() && options_.tls_private_key_file.empty()) return;
  if (options_.tls_certificate_file.empty() || options_.tls_private_key_file.empty())
    throw std::runtime_error("https needs both a certificate file and a private key file");
  namespace ssl = detail::net::ssl;
  ssl::context ctx(ssl::context::tls_server);
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                  ssl::context::no_tlsv1_1);
  detail::beast::error_code ec;
  ctx.use_certificate_chain_file(options_.tls_certificate_file, ec);
  if (ec) throw std::runtime_error("cannot load the certificate " + options_.tls_certificate_file + ": " + ec.message());
  ctx.use_private_key_file(options_.tls_private_key_file, ssl::context::pem, ec);
  if (ec) throw std::runtime_error("cannot load the private key " + options_.tls_private_key_file + ": " + ec.message());
  tls_.emplace(std::move(ctx));
}

template <class Unused>
void basic_server<Unused>::tick() {
  tick_->expires_after(options_.callback_tick);
  tick_->async_wait([this](detail::beast::error_code ec) {
    if (ec || !running_) return;
    for (callback_job& job : api_.take_callbacks(std::chrono::system_clock::now())) {
      std::optional<callback_target> target = loopback_target(job.url);
      if (!target) {
        log_callback(job.url, 0);
        continue;
      }
      std::make_shared<detail::callback_delivery>(detail::net::make_strand(ioc_), std::move(job), std::move(*target),
                                                  options_.api.time_scale,
                                                  [this](const std::string& url, int status, bool) { log_callback(url, status); })
          ->start();
    }
    tick();
  });
}

template <class Unused>
void basic_server<Unused>::log_callback(const std::string& url, int status) const {
  if (!options_.access_log) return;
  try {
    options_.access_log(access_entry{"CALLBACK", url, status, 0, std::chrono::microseconds{0}, false});
  } catch (...) {}
}

template <class Unused>
void basic_server<Unused>::accept() {
  acceptor_->async_accept(detail::net::make_strand(ioc_), [this](detail::beast::error_code ec, detail::tcp::socket socket) {
    if (ec == detail::net::error::operation_aborted || !acceptor_->is_open()) return;
    if (!ec && running_) {
      if (tls_) open_session<detail::tls_stream>(std::move(socket), *tls_);
      else open_session<detail::beast::tcp_stream>(std::move(socket));
    }
    accept();
  });
}

using server = basic_server<>;

}  // namespace seedance::serve

#ifdef SEEDANCE_NET_SEPARATE_COMPILATION  // compiled once, in the program's TU that includes <seedance/net_src.hpp>
extern template class seedance::serve::basic_api_state<void>;
extern template class seedance::serve::basic_server<void>;
#endif

#endif  // SEEDANCE_DETAIL_SERVE_SERVER_HPP

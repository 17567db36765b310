// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/serve.hpp>: callback delivery. When a task ends, the server POSTs its body to the
// task's `callback_url` with the provider's timeout and retry schedule (`task_facts::callback_timeout`,
// `task_facts::callback_retry_delays`), scaled by --time-scale; any 2xx answer is success. The double
// delivers to loopback addresses only (127.0.0.1 and localhost): it is not a way to reach other hosts.
#ifndef SEEDANCE_DETAIL_SERVE_CALLBACKS_HPP
#define SEEDANCE_DETAIL_SERVE_CALLBACKS_HPP

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "../../response.hpp"
#include "../../url.hpp"
#include "options.hpp"

namespace seedance::serve {

/// A callback to deliver: where, and the task's body.
struct callback_job {
  std::string url;
  std::string body;
};

/// Where a callback URL points, when the double may deliver to it (loopback only).
struct callback_target {
  std::uint16_t port = 80;
  std::string target;  // origin form: path and query
  std::string host;    // for the Host field
};
[[nodiscard]] inline std::optional<callback_target> loopback_target(const std::string& url) {
  url_view u;
  if (parse_url_view(url, u) != url_error::none || !u.scheme_is("http")) return std::nullopt;
  if (u.host() != "127.0.0.1" && u.host() != "localhost") return std::nullopt;
  callback_target t;
  t.host = std::string(u.host());
  if (u.port) t.port = *u.port;
  t.target = u.path.empty() ? std::string("/") : std::string(u.path);
  if (!u.query.empty()) t.target += "?" + std::string(u.query);
  return t;
}

/// The provider's schedule scaled: the answer's timeout (at least 1 s, so that a loaded machine does
/// not turn a slow answer into a failure) and the delay before retry `n` (0-based).
[[nodiscard]] inline std::chrono::milliseconds callback_timeout(double scale) noexcept {
  const auto ms =
      static_cast<std::int64_t>(std::chrono::duration<double, std::milli>(task_facts::callback_timeout).count() * std::max(0.0, scale));
  return std::chrono::milliseconds{std::max<std::int64_t>(1000, ms)};
}
[[nodiscard]] inline std::chrono::milliseconds callback_delay(std::size_t n, double scale) noexcept {
  const auto d = task_facts::callback_retry_delays[std::min(n, task_facts::callback_retry_delays.size() - 1)];
  return std::chrono::milliseconds{static_cast<std::int64_t>(std::chrono::duration<double, std::milli>(d).count() * std::max(0.0, scale))};
}

namespace detail {

/// One delivery: attempts until a 2xx answer, then up to `callback_retry_delays.size()` retries.
class callback_delivery : public std::enable_shared_from_this<callback_delivery> {
 public:
  using report = std::function<void(const std::string& url, int status, bool final)>;
  callback_delivery(boost::asio::any_io_executor ex, callback_job job, callback_target target, double scale, report done)
      : executor_(std::move(ex)),
        timer_(executor_),
        job_(std::move(job)),
        target_(std::move(target)),
        scale_(scale),
        report_(std::move(done)) {}

  void start() { attempt(); }
  void cancel() {
    boost::asio::post(executor_, [self = shared_from_this()] {
      self->cancelled_ = true;
      self->timer_.cancel();
      if (self->stream_) self->stream_->cancel();
    });
  }

 private:
  boost::asio::any_io_executor executor_;
  boost::asio::steady_timer timer_;
  callback_job job_;
  callback_target target_;
  double scale_;
  report report_;
  std::size_t retries_ = 0;
  bool cancelled_ = false;
  std::optional<boost::beast::tcp_stream> stream_;
  boost::beast::flat_buffer buffer_;
  boost::beast::http::request<boost::beast::http::string_body> request_;
  std::optional<boost::beast::http::response<boost::beast::http::string_body>> response_;

  void attempt() {
    if (cancelled_) return;
    namespace bhttp = boost::beast::http;
    stream_.emplace(executor_);
    buffer_.clear();
    response_.emplace();
    request_ = {bhttp::verb::post, target_.target, 11};
    request_.set(bhttp::field::host, target_.host + ":" + std::to_string(target_.port));
    request_.set(bhttp::field::content_type, "application/json");
    request_.set(bhttp::field::user_agent, "seedance-serve");
    request_.body() = job_.body;
    request_.keep_alive(false);
    request_.prepare_payload();
    stream_->expires_after(callback_timeout(scale_));
    const boost::asio::ip::tcp::endpoint ep{boost::asio::ip::make_address_v4("127.0.0.1"), target_.port};
    stream_->async_connect(ep, [self = shared_from_this()](boost::beast::error_code ec) {
      if (ec) return self->failed(0);
      bhttp::async_write(*self->stream_, self->request_, [self](boost::beast::error_code ec2, std::size_t) {
        if (ec2) return self->failed(0);
        bhttp::async_read(*self->stream_, self->buffer_, *self->response_, [self](boost::beast::error_code ec3, std::size_t) {
          const int status = ec3 ? 0 : static_cast<int>(self->response_->result_int());
          boost::beast::error_code ignored;
          self->stream_->socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
          if (status >= 200 && status < 300) return self->report_(self->job_.url, status, true);
          self->failed(status);
        });
      });
    });
  }

  void failed(int status) {
    const bool last = cancelled_ || retries_ >= task_facts::callback_retry_delays.size();
    report_(job_.url, status, last);
    if (last) return;
    timer_.expires_after(callback_delay(retries_++, scale_));
    timer_.async_wait([self = shared_from_this()](boost::beast::error_code ec) {
      if (!ec) self->attempt();
    });
  }
};

}  // namespace detail
}  // namespace seedance::serve

#endif  // SEEDANCE_DETAIL_SERVE_CALLBACKS_HPP

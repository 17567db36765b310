// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/serve.hpp>: the local double's API logic without sockets. `api_state::handle`
// maps one HTTP request (seedance::http_request) and the time to an answer; the HTTP server
// (server.hpp) only moves bytes. Everything it decides comes from the library: `validate` for 400s,
// `estimate_cost` for credits, response.hpp's tables for codes and task facts.
#ifndef SEEDANCE_DETAIL_SERVE_API_HPP
#define SEEDANCE_DETAIL_SERVE_API_HPP

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <queue>
#include <vector>

#include "../../decimal.hpp"
#include "../../estimate.hpp"
#include "../../http.hpp"
#include "../../pricing.hpp"
#include "../../pricing_data.hpp"
#include "../../protocol.hpp"
#include "../../response.hpp"
#include "../../validate.hpp"
#include "callbacks.hpp"
#include "clip.hpp"
#include "errors.hpp"
#include "lifecycle.hpp"
#include "options.hpp"

namespace seedance::serve {

/// The double's own routes (not the provider's).
namespace routes {
inline constexpr std::string_view pricing_rules = "/v1/catalog/pricing-rules";
inline constexpr std::string_view state = "/_seedance/state";
inline constexpr std::string_view results = "/_seedance/results/";
inline constexpr std::string_view result_suffix = ".mp4";
}  // namespace routes

/// An answer, and whether to drop the connection instead of sending it (--drop-rate).
struct reply {
  http_response response;
  bool drop = false;
};

/// The API's state: tasks, credits, idempotency keys, rate windows. Thread-safe: `handle` may be
/// called from several threads at once. Use it as `api_state`: the template parameter exists only so
/// that a program can compile it once (SEEDANCE_NET_SEPARATE_COMPILATION, <seedance/net_src.hpp>).
template <class Unused = void>
class basic_api_state {
 public:
  using clock = std::chrono::system_clock;

  /// Throws std::invalid_argument when `options.pricing_feed` is given and does not load.
  explicit basic_api_state(api_options options);

  [[nodiscard]] const api_options& options() const noexcept { return options_; }
  /// Where results are served from (set by the server once it knows its port).
  void set_base_url(std::string url) {
    const std::lock_guard lock(mutex_);
    options_.base_url = std::move(url);
  }

  /// The answer to `req` at `now`.
  [[nodiscard]] reply handle(const http_request& req, clock::time_point now);

  /// GET /_seedance/state: tasks created, by status now, credits left, requests seen per route.
  [[nodiscard]] nlohmann::json state(clock::time_point now);

  /// The callbacks of the tasks that have ended by `now` (each once), in the order they ended.
  [[nodiscard]] std::vector<callback_job> take_callbacks(clock::time_point now);

  /// The error answer for a body over the limit (also what the server sends when its parser stops).
  [[nodiscard]] static http_response too_large() {
    return detail::error_response(413, "request_too_large",
                                  "the request body is over the " + std::to_string(limits::body_max_bytes) + "-byte limit");
  }

 private:
  struct task {
    std::string id;
    std::string key;           // the API key that created it
    std::string model;
    std::int64_t created = 0;  // Unix seconds
    clock::time_point start;
    timeline times;
    bool fails = false;
    std::string fail_code;
    decimal reserved;
    bool settled = false;
    std::string callback_url;
  };
  struct idempotent_entry {
    std::string body;
    std::string task_id;
  };

  api_options options_;
  pricing_table table_;
  std::mutex mutex_;
  std::optional<decimal> balance_;
  std::map<std::string, task> tasks_;
  /// The tasks not yet settled, soonest end first: a settle looks at the ones that have ended only
  /// (a walk of every running task, under the lock, made each request slower as tasks piled up).
  using pending_end = std::pair<clock::time_point, std::string>;
  std::priority_queue<pending_end, std::vector<pending_end>, std::greater<>> unsettled_;
  std::vector<callback_job> callbacks_;
  std::map<std::string, idempotent_entry> idempotency_;         // API key + "\n" + Idempotency-Key
  std::map<std::string, std::pair<std::int64_t, unsigned>> rate_;  // API key: (second, creates in it)
  std::map<std::string, std::uint64_t> attempts_;                // subject: creates seen
  std::map<std::string, std::uint64_t> requests_;                // route: requests seen
  std::uint64_t counter_ = 0;

  [[nodiscard]] static std::string_view path_of(std::string_view target) noexcept {
    return target.substr(0, std::min(target.find('?'), target.size()));
  }
  void count(const std::string& route) {
    const std::lock_guard lock(mutex_);
    ++requests_[route];
  }
  [[nodiscard]] static http_response method_not_allowed(std::string_view allow) {
    http_response r = detail::error_response(405, "invalid_request", "method not allowed here; use " + std::string(allow));
    r.fields.push_back({"Allow", std::string(allow)});
    return r;
  }
  [[nodiscard]] static nlohmann::json credits_json(const decimal& d) { return nlohmann::json::parse(d.to_fixed(6), nullptr, false); }

  /// The key of `Authorization: Bearer KEY`, when it is one the server accepts.
  [[nodiscard]] std::optional<std::string> key_of(const http_request& req) const;
  [[nodiscard]] static http_response unauthorized() {
    return detail::error_response(0, "unauthorized", "a valid API key is required: Authorization: Bearer <key>");
  }

  // --- tasks ---------------------------------------------------------------------------------

  [[nodiscard]] static task_phase phase_of(const task& t, clock::time_point now) {
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - t.start);
    return phase_at(t.times, elapsed, t.fails);
  }
  /// Charges completed tasks and refunds failed ones whose time has come (under the lock).
  void settle(clock::time_point now);
  [[nodiscard]] std::chrono::milliseconds scaled(std::chrono::milliseconds d) const noexcept {
    return std::chrono::milliseconds{static_cast<std::int64_t>(static_cast<double>(d.count()) * std::max(0.0, options_.time_scale))};
  }
  [[nodiscard]] std::string result_url(const task& t) const {
    return options_.base_url + std::string(routes::results) + t.id + std::string(routes::result_suffix);
  }

  /// The task as the provider shows it at `now` (create response, task detail, callback body).
  [[nodiscard]] nlohmann::json task_json(const task& t, clock::time_point now) const;

  [[nodiscard]] http_response read_task(const http_request& req, std::string_view id, clock::time_point now);

  [[nodiscard]] http_response result(std::string_view name, clock::time_point now, bool head);

  // --- create --------------------------------------------------------------------------------

  /// The 400 answer: the first error's message, and every diagnostic in `details`.
  [[nodiscard]] static http_response invalid(const report& rep);

  [[nodiscard]] reply create(const http_request& req, clock::time_point now);
};

template <class Unused>
basic_api_state<Unused>::basic_api_state(api_options options) : options_(std::move(options)) {
  if (options_.pricing_feed.empty()) {
    table_ = default_pricing();
  } else {
    pricing_load_result r = pricing_table::parse(options_.pricing_feed);
    if (!r.ok()) throw std::invalid_argument("cannot load the pricing feed: " + r.error);
    table_ = std::move(*r.table);
  }
  balance_ = options_.credits;
}

template <class Unused>
reply basic_api_state<Unused>::handle(const http_request& req, clock::time_point now) {
  const std::string_view target = path_of(req.target);
  if (req.body.size() > limits::body_max_bytes) return {too_large()};
  if (target == api_facts::create_path) {
    count("create");
    if (req.method != "POST") return {method_not_allowed("POST")};
    return create(req, now);
  }
  if (target.starts_with(api_facts::task_path)) {
    count("task");
    if (req.method != "GET") return {method_not_allowed("GET")};
    return {read_task(req, target.substr(api_facts::task_path.size()), now)};
  }
  if (target.starts_with(routes::results)) {
    count("result");
    if (req.method != "GET" && req.method != "HEAD") return {method_not_allowed("GET")};
    return {result(target.substr(routes::results.size()), now, req.method == "HEAD")};
  }
  if (target == routes::pricing_rules) {
    count("pricing_rules");
    http_response r;
    r.status = 200;
    r.fields.push_back({"Content-Type", "application/json"});
    r.body = options_.pricing_feed.empty() ? std::string(default_pricing_feed) : options_.pricing_feed;
    return {r};
  }
  if (target == routes::state) {
    count("state");
    return {detail::json_response(200, state(now))};
  }
  count("other");
  return {detail::error_response(404, "resource_not_found", "no route " + std::string(target))};
}

template <class Unused>
nlohmann::json basic_api_state<Unused>::state(clock::time_point now) {
  const std::lock_guard lock(mutex_);
  settle(now);
  nlohmann::json by_status = nlohmann::json::object();
  for (const auto& [id, t] : tasks_)
    by_status[std::string(to_string(phase_of(t, now).status))] = by_status.value(std::string(to_string(phase_of(t, now).status)), 0) + 1;
  nlohmann::json out{{"tasks_created", tasks_.size()}, {"tasks", by_status}, {"requests", requests_}};
  out["credits_left"] = balance_ ? credits_json(*balance_) : nlohmann::json();
  return out;
}

template <class Unused>
std::vector<callback_job> basic_api_state<Unused>::take_callbacks(clock::time_point now) {
  const std::lock_guard lock(mutex_);
  settle(now);
  return std::exchange(callbacks_, {});
}

template <class Unused>
std::optional<std::string> basic_api_state<Unused>::key_of(const http_request& req) const {
  const std::optional<std::string_view> auth = req.field("Authorization");
  constexpr std::string_view bearer = "Bearer ";
  if (!auth || auth->size() <= bearer.size() || !seedance::detail::http::iequals(auth->substr(0, bearer.size()), bearer))
    return std::nullopt;
  std::string key(auth->substr(bearer.size()));
  if (!options_.api_keys.empty() && std::find(options_.api_keys.begin(), options_.api_keys.end(), key) == options_.api_keys.end())
    return std::nullopt;
  return key;
}

template <class Unused>
void basic_api_state<Unused>::settle(clock::time_point now) {
  while (!unsettled_.empty() && unsettled_.top().first <= now) {
    task& t = tasks_.at(unsettled_.top().second);
    const task_phase p = phase_of(t, now);
    if (!is_terminal(p.status)) break;  // cannot happen (the end time is the phase's), but never settle early
    unsettled_.pop();
    if (p.status == task_status::failed && balance_) balance_ = add(*balance_, t.reserved).value_or(*balance_);
    t.settled = true;
    if (!t.callback_url.empty()) callbacks_.push_back({t.callback_url, task_json(t, now).dump()});
  }
}

template <class Unused>
nlohmann::json basic_api_state<Unused>::task_json(const task& t, clock::time_point now) const {
  const task_phase p = phase_of(t, now);
  nlohmann::json usage{{"billing_rule", "per_second"}, {"credits_reserved", credits_json(t.reserved)}, {"user_group", "default"}};
  if (p.status == task_status::completed) usage["credits_used"] = credits_json(t.reserved);
  if (p.status == task_status::failed) usage["credits_used"] = 0;
  nlohmann::json j{{"created", t.created},
                   {"id", t.id},
                   {"model", t.model},
                   {"object", task_facts::object},
                   {"progress", p.progress},
                   {"status", to_string(p.status)},
                   {"task_info", {{"can_cancel", p.status == task_status::pending}, {"estimated_time", reported_seconds(t.times)}}},
                   {"type", "video"},
                   {"usage", usage}};
  if (p.status == task_status::completed) j["results"] = nlohmann::json::array({result_url(t)});
  if (p.status == task_status::failed)
    j["error"] = {{"code", t.fail_code},
                  {"message", "the generation failed (" + t.fail_code + "): injected by --fail-rate"},
                  {"type", task_facts::task_error_type}};
  return j;
}

template <class Unused>
http_response basic_api_state<Unused>::read_task(const http_request& req, std::string_view id, clock::time_point now) {
  const std::optional<std::string> key = key_of(req);
  if (!key) return unauthorized();
  const std::lock_guard lock(mutex_);
  settle(now);
  const auto it = tasks_.find(std::string(id));
  if (it == tasks_.end() || it->second.key != *key)
    return detail::error_response(404, "resource_not_found", "no task with the id \"" + std::string(id) + "\"");
  return detail::json_response(200, task_json(it->second, now));
}

template <class Unused>
http_response basic_api_state<Unused>::result(std::string_view name, clock::time_point now, bool head) {
  if (!name.ends_with(routes::result_suffix)) return detail::error_response(404, "resource_not_found", "no such result");
  const std::string id(name.substr(0, name.size() - routes::result_suffix.size()));
  const std::lock_guard lock(mutex_);
  const auto it = tasks_.find(id);
  if (it == tasks_.end() || phase_of(it->second, now).status != task_status::completed)
    return detail::error_response(404, "resource_not_found", "no result for \"" + id + "\"");
  const auto lifetime = scaled(std::chrono::duration_cast<std::chrono::milliseconds>(task_facts::result_url_lifetime));
  if (now - it->second.start >= it->second.times.done_at + lifetime)
    return detail::error_response(410, "resource_not_found", "the result of \"" + id + "\" has expired (24 h after completion, scaled)");
  http_response r;
  r.status = 200;
  r.fields.push_back({"Content-Type", "video/mp4"});
  if (!head) r.body = options_.result_file.empty() ? std::string(detail::default_clip()) : options_.result_file;
  return r;
}

template <class Unused>
http_response basic_api_state<Unused>::invalid(const report& rep) {
  nlohmann::json details = nlohmann::json::array();
  std::string first;
  for (const diagnostic& d : rep) {
    details.push_back({{"code", to_string(d.code)}, {"path", d.path}, {"message", d.message}, {"severity", to_string(d.severity)}});
    if (first.empty() && d.severity == severity::error) first = (d.path.empty() ? std::string() : d.path + ": ") + d.message;
  }
  if (first.empty()) first = "the request could not be validated";
  return detail::error_response(0, "invalid_request", first, nlohmann::json{{"details", details}});
}

template <class Unused>
reply basic_api_state<Unused>::create(const http_request& req, clock::time_point now) {
  // 401, 403 and 400's work need no state: done before the lock (the checks still answer in order)
  const std::optional<std::string> key = key_of(req);
  if (!key) return {unauthorized()};
  const parsed_request parsed = parse_request(req.body);
  std::string model;
  if (parsed.body && parsed.body->is_object())
    if (auto it = parsed.body->find(field::model); it != parsed.body->end() && it->is_string()) model = it->get<std::string>();
  if (const auto access = options_.key_models.find(*key);
      access != options_.key_models.end() && !model.empty() && !access->second.contains(model))
    return {detail::error_response(0, "model_access_denied", "this API key may not use the model \"" + model + "\"")};
  validate_options vo;
  vo.strict = options_.strict;
  vo.allow_local_callbacks = options_.allow_local_callbacks;
  const report rep = validate(parsed, req.body, {}, vo);
  std::optional<estimate_result> est;
  const model_info* info = rep.ok() ? find_model(model) : nullptr;
  if (info != nullptr) {
    estimate_options eo;
    eo.validate = false;
    est = estimate_cost(*parsed.body, table_, {}, eo);
  }
  const std::optional<std::string_view> idem = req.field(api_facts::idempotency_header);
  // what a draw is about: the Idempotency-Key, or the body (its hash: bodies may be large)
  const std::string subject = idem ? "key:" + std::string(*idem) : "body:" + std::to_string(detail::fnv1a(req.body));

  const std::lock_guard lock(mutex_);
  settle(now);
  // 429
  if (options_.rate_limit > 0) {
    const std::int64_t second = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    auto& [window, used] = rate_[*key];
    if (window != second) window = second, used = 0;
    if (++used > options_.rate_limit) {
      http_response r = detail::error_response(0, "rate_limit_exceeded",
                                               "more than " + std::to_string(options_.rate_limit) + " creates per second with this key");
      r.fields.push_back({"Retry-After", "1"});
      return {r};
    }
  }
  // idempotency: replay or 409
  const std::string idem_key = idem ? *key + "\n" + std::string(*idem) : std::string();
  if (idem) {
    if (const auto it = idempotency_.find(idem_key); it != idempotency_.end()) {
      if (it->second.body != req.body)
        return {detail::error_response(409, "idempotency_conflict", "this Idempotency-Key was already used with another body")};
      http_response r = detail::json_response(200, task_json(tasks_.at(it->second.task_id), now));
      r.fields.push_back({"Idempotent-Replayed", "true"});
      return {r};
    }
  }
  // 400
  if (!rep.ok() || info == nullptr) return {invalid(rep)};
  // 503 injection: nothing is created
  const std::uint64_t attempt = attempts_[subject]++;
  if (happens(options_.error_rate, draw(options_.seed, draw_purpose::create_error, subject, attempt))) {
    http_response r =
        detail::error_response(503, "model_unavailable", "no capacity now (injected by --error-rate): nothing was created; retry later");
    r.fields.push_back({"Retry-After", "1"});
    return {r};
  }
  // 402
  decimal reserve;
  if (est && est->estimate) reserve = est->estimate->open_upper_bound ? est->estimate->min.credits : est->estimate->max.credits;
  if (balance_ && reserve > *balance_)
    return {detail::error_response(
        0, "insufficient_quota", "the credits left do not cover this request's estimate",
        nlohmann::json{{"estimated_credits", credits_json(reserve)}, {"account_balance_credits", credits_json(*balance_)}})};
  if (balance_) balance_ = subtract(*balance_, reserve).value_or(*balance_);
  // the task
  task t;
  t.key = *key;
  t.model = model;
  t.start = now;
  t.created = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const std::uint64_t n = counter_++;
  const auto random = static_cast<std::uint64_t>(draw(options_.seed, draw_purpose::task_id, subject, n) * 0x1.0p32);
  // 8 hex digits drawn, 8 of the counter: unique within a run
  const std::uint64_t bits = (random << 32) | (n & 0xffffffffULL);
  std::string hex(16, '0');
  for (std::size_t i = 0; i < 16; ++i) hex[15 - i] = "0123456789abcdef"[(bits >> (4 * i)) & 0xf];
  t.id = std::string(task_facts::id_prefix) + std::to_string(t.created) + "-" + hex;
  t.times = make_timeline(estimated_seconds(*info, *parsed.body), options_.time_scale);
  t.fails = happens(options_.fail_rate, draw(options_.seed, draw_purpose::task_failure, subject, attempt));
  t.fail_code = std::string(failure_code(draw(options_.seed, draw_purpose::failure_code, subject, attempt)));
  t.reserved = reserve;
  if (auto it = parsed.body->find(field::callback_url); it != parsed.body->end() && it->is_string())
    t.callback_url = it->get<std::string>();
  const std::string id = t.id;
  tasks_.emplace(id, std::move(t));
  {
    const task& created = tasks_.at(id);
    unsettled_.emplace(created.start + created.times.done_at, id);
  }
  if (idem) idempotency_.emplace(idem_key, idempotent_entry{req.body, id});
  reply out{detail::json_response(200, task_json(tasks_.at(id), now))};
  if (happens(options_.drop_rate, draw(options_.seed, draw_purpose::create_drop, subject, attempt))) {
    if (options_.drop_as == api_options::drop_mode::close) {
      out.drop = true;
    } else {
      out.response.status = 502;
      out.response.fields = {{"Content-Type", "text/html"}};
      out.response.body = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n";
    }
  }
  return out;
}

using api_state = basic_api_state<>;

}  // namespace seedance::serve

#endif  // SEEDANCE_DETAIL_SERVE_API_HPP

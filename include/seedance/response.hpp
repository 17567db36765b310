// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// What the API sends back (docs/spec.md sections 7 and 9): the create response (`VideoGenerationResponse`),
// the task detail (`GET /v1/tasks/{task_id}`) and the callback body, which share one shape
// (`video_task`); the task status with `unknown` for values the library does not know; HTTP error
// bodies and task errors with a classification helper (retry, resubmit, fix the request, fix the
// account); the 24-hour expiry of result URLs; and a polling schedule. No HTTP here.
//
// Parsing is for untrusted bodies: `parse_task` and `parse_error_body` never throw; a field of the
// wrong type (or out of range) is an error naming the field by its JSON pointer; missing fields are
// fine (the provider's schema marks none as required); unknown fields are ignored. See docs/responses.md.
#ifndef SEEDANCE_RESPONSE_HPP
#define SEEDANCE_RESPONSE_HPP

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "decimal.hpp"
#include "detail/json_text.hpp"
#include "spec.hpp"

namespace seedance {

// ---------------------------------------------------------------------------------------------
// The facts of docs/spec.md section 7 (and the provider's page), written once
// ---------------------------------------------------------------------------------------------

/// A task's status. `unknown` stands for any value the library does not know (and a missing one).
enum class task_status : std::uint8_t { pending, processing, completed, failed, cancelled, unknown };

template <>
struct enum_strings<task_status> {
  static constexpr std::array<std::string_view, 6> values{"pending", "processing", "completed", "failed", "cancelled", "unknown"};
};

/// The status named by `s`; `unknown` for anything else. Never throws.
[[nodiscard]] constexpr task_status parse_task_status(std::string_view s) noexcept {
  return parse<task_status>(s).value_or(task_status::unknown);
}

/// completed, failed and cancelled are final; pending, processing and unknown are not (an unknown
/// status may be a new intermediate state: keep polling).
[[nodiscard]] constexpr bool is_terminal(task_status s) noexcept {
  return s == task_status::completed || s == task_status::failed || s == task_status::cancelled;
}

namespace task_facts {
/// `object` of a task.
inline constexpr std::string_view object = "video.generation.task";
/// Task ids start with this.
inline constexpr std::string_view id_prefix = "task-unified-";
/// `error.type` of a failed task.
inline constexpr std::string_view task_error_type = "task_error";
/// Generated video links expire this long after completion: the provider's documented figure. The
/// provider's newer CLI (0.15.1, 2026-11-18) says 7 days; until the documentation says so too, the
/// library keeps the shorter, safe figure (docs/spec.md section 9).
inline constexpr std::chrono::hours result_url_lifetime{24};
/// Callback delivery: the provider waits this long for an answer, then retries after these delays.
inline constexpr std::chrono::seconds callback_timeout{10};
inline constexpr std::array<std::chrono::seconds, 3> callback_retry_delays{std::chrono::seconds{1}, std::chrono::seconds{2},
                                                                           std::chrono::seconds{4}};
/// `progress` is a percentage.
inline constexpr int progress_max = 100;
}  // namespace task_facts

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/// `task_info`.
struct task_info {
  std::optional<bool> can_cancel;
  std::optional<std::int64_t> estimated_time;  // seconds
  std::optional<std::int64_t> video_duration;  // seconds
};

/// `usage.cost` of a finished task (docs/spec.md section 9).
struct usage_cost {
  std::optional<decimal> credits;
  std::optional<decimal> usd;
};

/// `usage`.
struct task_usage {
  std::optional<std::string> billing_rule;  // per_call | per_token | per_second
  std::optional<decimal> credits_reserved;  // exact as written (within 64-bit fractions)
  std::optional<std::string> user_group;
  std::optional<decimal> credits_used;      // a finished task: what was charged (section 9)
  std::optional<usage_cost> cost;           // a finished task: {credits, usd} (section 9)
};

/// An error: the `error` object of an HTTP error body, or of a failed task. The optional fields are
/// the provider's newer ones (docs/spec.md section 9); each is empty when absent.
struct api_error {
  std::string code;                          // as sent; an integer code as its decimal text
  std::optional<std::int64_t> numeric_code;  // when `code` was sent as an integer
  std::string message;
  std::string type;                          // e.g. invalid_request_error, task_error
  std::optional<std::string> request_id;     // quote it to the provider's support
  std::optional<std::string> suggestion;     // the provider's advice, for people
  std::optional<std::string> action_url;     // where to fix it (top up, key settings)
  std::optional<std::string> limit_scope;    // which limit a 429 hit (e.g. key, user, model)
  std::optional<decimal> estimated_credits;  // a 402: what the request would cost
  std::optional<decimal> account_balance_credits;  // a 402: what the account holds
};

/// The create response, the task detail and the callback body: one shape.
struct video_task {
  std::optional<std::int64_t> created;  // Unix seconds
  std::optional<std::string> id;
  std::optional<std::string> model;
  std::optional<std::string> object;
  std::optional<int> progress;          // 0..100
  task_status status = task_status::unknown;
  std::string status_text;              // as sent ("" when absent), also for statuses the library does not know
  std::optional<seedance::task_info> task_info;
  std::optional<std::string> type;      // text | image | audio | video
  std::optional<task_usage> usage;
  std::optional<decimal> duration;      // a finished task: the video's seconds (section 9)
  std::vector<std::string> results;     // result URLs (task detail and callback, when completed)
  std::optional<api_error> error;       // a failed task's error

  [[nodiscard]] bool is_terminal() const noexcept { return seedance::is_terminal(status); }
};

/// `POST /v1/videos/generations` 200 body.
using video_generation_response = video_task;
/// `GET /v1/tasks/{task_id}` 200 body.
using task_detail = video_task;
/// The callback's body ("the same format as the task query").
using task_callback = video_task;

/// A parse result: the value, or the field at fault (an RFC 6901 pointer) and a message naming it.
template <class T>
struct parse_result {
  std::optional<T> value;
  std::string field;
  std::string message;
  [[nodiscard]] bool ok() const noexcept { return value.has_value(); }
};

/// Thrown by the `from_json` overloads (for `j.get<video_task>()`); `field()` names the field.
class response_error : public std::runtime_error {
 public:
  response_error(std::string field, const std::string& message) : std::runtime_error(message), field_(std::move(field)) {}
  [[nodiscard]] const std::string& field() const noexcept { return field_; }

 private:
  std::string field_;
};

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

namespace detail::response {

class response_reader {
 public:
  std::string field;
  std::string message;

  bool fail(std::string f, std::string m) {
    field = std::move(f);
    message = (field.empty() ? std::string("the body") : field) + ": " + m;
    return false;
  }
  static std::string kind(const nlohmann::json& j) { return j.type_name(); }

  // An integer, also written as an integral float (1761313744.0), within int64.
  bool integer(const nlohmann::json& j, const std::string& f, std::optional<std::int64_t>& out) {
    if (j.is_null()) return true;
    if (j.is_number_unsigned()) {
      const auto u = j.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return fail(f, "the number " + j.dump() + " is out of range");
      out = static_cast<std::int64_t>(u);
      return true;
    }
    if (j.is_number_integer()) {
      out = j.get<std::int64_t>();
      return true;
    }
    if (j.is_number_float()) {
      const double d = j.get<double>();
      // 2^63 is exactly representable: the range test is exact.
      if (!std::isfinite(d) || d != std::floor(d) || d < -9223372036854775808.0 || d >= 9223372036854775808.0)
        return fail(f, "expected an integer, got " + j.dump());
      out = static_cast<std::int64_t>(d);
      return true;
    }
    return fail(f, "expected an integer, got " + kind(j));
  }
  bool text(const nlohmann::json& j, const std::string& f, std::optional<std::string>& out) {
    if (j.is_null()) return true;
    if (!j.is_string()) return fail(f, "expected a string, got " + kind(j));
    out = j.get<std::string>();
    return true;
  }
  bool boolean(const nlohmann::json& j, const std::string& f, std::optional<bool>& out) {
    if (j.is_null()) return true;
    if (!j.is_boolean()) return fail(f, "expected true or false, got " + kind(j));
    out = j.get<bool>();
    return true;
  }
  // A JSON number as an exact decimal: integers exactly; floats as the shortest decimal text that
  // reads back as the same double (50.5 -> "50.5").
  bool number(const nlohmann::json& j, const std::string& f, std::optional<decimal>& out) {
    if (j.is_null()) return true;
    if (j.is_number_integer()) {
      std::optional<std::int64_t> v;
      if (!integer(j, f, v)) return false;
      out = decimal(*v);
      return true;
    }
    if (j.is_number_float()) {
      const double d = j.get<double>();
      std::array<char, 400> buf{};
      const auto r = std::isfinite(d) ? std::to_chars(buf.data(), buf.data() + buf.size(), d, std::chars_format::fixed)
                                      : std::to_chars_result{buf.data(), std::errc::value_too_large};
      std::optional<decimal> v;
      if (r.ec == std::errc{}) v = decimal::parse(std::string_view(buf.data(), static_cast<std::size_t>(r.ptr - buf.data())));
      if (!v) return fail(f, "the number " + j.dump() + " is out of range");
      out = v;
      return true;
    }
    return fail(f, "expected a number, got " + kind(j));
  }

  bool error_object(const nlohmann::json& j, const std::string& f, api_error& out) {
    if (!j.is_object()) return fail(f, "expected an object, got " + kind(j));
    if (auto it = j.find("code"); it != j.end() && !it->is_null()) {
      if (it->is_string()) {
        out.code = it->get<std::string>();
      } else if (it->is_number_integer()) {
        std::optional<std::int64_t> v;
        if (!integer(*it, f + "/code", v)) return false;
        out.numeric_code = v;
        out.code = std::to_string(*v);
      } else {
        return fail(f + "/code", "expected a string or an integer, got " + kind(*it));
      }
    }
    std::optional<std::string> s;
    if (auto it = j.find("message"); it != j.end()) {
      if (!text(*it, f + "/message", s)) return false;
      out.message = s.value_or("");
    }
    s.reset();
    if (auto it = j.find("type"); it != j.end()) {
      if (!text(*it, f + "/type", s)) return false;
      out.type = s.value_or("");
    }
    // The newer informational fields are read leniently: a value of another type is left out,
    // never a failure that would lose the code (and with it the advice) of the whole error.
    const std::pair<const char*, std::optional<std::string>*> texts[] = {{"request_id", &out.request_id},
                                                                         {"suggestion", &out.suggestion},
                                                                         {"action_url", &out.action_url},
                                                                         {"limit_scope", &out.limit_scope}};
    for (const auto& [key, dst] : texts)
      if (auto it = j.find(key); it != j.end()) lenient([&] { return text(*it, f + "/" + key, *dst); }, *dst);
    const std::pair<const char*, std::optional<decimal>*> numbers[] = {{"estimated_credits", &out.estimated_credits},
                                                                       {"account_balance_credits", &out.account_balance_credits}};
    for (const auto& [key, dst] : numbers)
      if (auto it = j.find(key); it != j.end()) lenient([&] { return number(*it, f + "/" + key, *dst); }, *dst);
    return true;
  }

  /// Runs `read`; when it fails, the value stays empty and the failure is forgotten.
  template <class Read, class T>
  void lenient(Read read, std::optional<T>& value) {
    if (read()) return;
    value.reset();
    field.clear();
    message.clear();
  }

  bool task(const nlohmann::json& j, video_task& t) {
    if (!j.is_object()) return fail("", "expected a JSON object, got " + kind(j));
    auto at = [&](const char* key) { return j.find(key); };
    if (auto it = at("created"); it != j.end() && !integer(*it, "/created", t.created)) return false;
    if (auto it = at("id"); it != j.end() && !text(*it, "/id", t.id)) return false;
    if (auto it = at("model"); it != j.end() && !text(*it, "/model", t.model)) return false;
    if (auto it = at("object"); it != j.end() && !text(*it, "/object", t.object)) return false;
    if (auto it = at("type"); it != j.end() && !text(*it, "/type", t.type)) return false;
    if (auto it = at("progress"); it != j.end()) {
      std::optional<std::int64_t> p;
      if (!integer(*it, "/progress", p)) return false;
      if (p && (*p < 0 || *p > task_facts::progress_max))
        return fail("/progress", "progress " + std::to_string(*p) + " is outside 0.." + std::to_string(task_facts::progress_max));
      if (p) t.progress = static_cast<int>(*p);
    }
    if (auto it = at("status"); it != j.end()) {
      std::optional<std::string> s;
      if (!text(*it, "/status", s)) return false;
      t.status_text = s.value_or("");
      t.status = parse_task_status(t.status_text);
    }
    if (auto it = at("task_info"); it != j.end() && !it->is_null()) {
      if (!it->is_object()) return fail("/task_info", "expected an object, got " + kind(*it));
      seedance::task_info info;
      if (auto f = it->find("can_cancel"); f != it->end() && !boolean(*f, "/task_info/can_cancel", info.can_cancel)) return false;
      if (auto f = it->find("estimated_time"); f != it->end() && !integer(*f, "/task_info/estimated_time", info.estimated_time))
        return false;
      if (auto f = it->find("video_duration"); f != it->end() && !integer(*f, "/task_info/video_duration", info.video_duration))
        return false;
      t.task_info = info;
    }
    if (auto it = at("usage"); it != j.end() && !it->is_null()) {
      if (!it->is_object()) return fail("/usage", "expected an object, got " + kind(*it));
      task_usage u;
      if (auto f = it->find("billing_rule"); f != it->end() && !text(*f, "/usage/billing_rule", u.billing_rule)) return false;
      if (auto f = it->find("credits_reserved"); f != it->end() && !number(*f, "/usage/credits_reserved", u.credits_reserved)) return false;
      if (auto f = it->find("user_group"); f != it->end() && !text(*f, "/usage/user_group", u.user_group)) return false;
      // the newer fields, leniently (as in error_object): they never cost the task its status
      if (auto f = it->find("credits_used"); f != it->end())
        lenient([&] { return number(*f, "/usage/credits_used", u.credits_used); }, u.credits_used);
      if (auto f = it->find("cost"); f != it->end() && f->is_object()) {
        usage_cost c;
        if (auto g = f->find("credits"); g != f->end()) lenient([&] { return number(*g, "/usage/cost/credits", c.credits); }, c.credits);
        if (auto g = f->find("usd"); g != f->end()) lenient([&] { return number(*g, "/usage/cost/usd", c.usd); }, c.usd);
        u.cost = c;
      }
      t.usage = std::move(u);
    }
    if (auto it = at("duration"); it != j.end()) lenient([&] { return number(*it, "/duration", t.duration); }, t.duration);
    if (auto it = at("results"); it != j.end() && !it->is_null()) {
      if (!it->is_array()) return fail("/results", "expected an array of URLs, got " + kind(*it));
      for (std::size_t i = 0; i < it->size(); ++i) {
        const nlohmann::json& r = (*it)[i];
        const std::string f = "/results/" + std::to_string(i);
        if (r.is_string()) {
          t.results.push_back(r.get<std::string>());
        } else if (r.is_object() && r.contains("url") && r["url"].is_string()) {
          t.results.push_back(r["url"].get<std::string>());
        } else {
          return fail(f, "expected a URL string (or an object with a \"url\" string), got " + kind(r));
        }
      }
    }
    if (auto it = at("error"); it != j.end() && !it->is_null()) {
      api_error e;
      if (!error_object(*it, "/error", e)) return false;
      t.error = std::move(e);
    }
    return true;
  }
};

/// The reason of a result that an allocation failure stopped (the one exception the readers meet).
template <class T>
inline void out_of_memory(parse_result<T>& r) noexcept {
  r.value.reset();
  r.field.clear();
  try {
    r.message = "out of memory";
  } catch (...) {}
}

/// Parses JSON text without throwing; a null result and a message for text that does not parse.
inline bool parse_response_text(std::string_view text, nlohmann::json& out, std::string& message) {
  if (text.size() > limits::body_max_bytes) {
    message = "the body is over " + std::to_string(limits::body_max_bytes) + " bytes: not parsed";
    return false;
  }
  if (const std::size_t nul = nul_offset(text); nul != std::string_view::npos) {
    message = "the body is not valid JSON: " + nul_reason(nul);
    return false;
  }
  out = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (out.is_discarded()) {
    message = "the body is not valid JSON";
    return false;
  }
  return true;
}

/// The parsers of parsed bodies: `read(reader, value)` fills the value, or returns false with the
/// reader's field and message; an allocation failure is the message "out of memory". Never throws.
template <class T, class Read>
parse_result<T> read_response(Read read) noexcept {
  parse_result<T> r;
  try {
    response_reader reader;
    T value;
    if (read(reader, value)) {
      r.value = std::move(value);
    } else {
      r.field = std::move(reader.field);
      r.message = std::move(reader.message);
    }
  } catch (...) { out_of_memory(r); }
  return r;
}

/// The parsers of body text: the text parsed (parse_response_text), then `read(json)`. Never throws.
template <class T, class Read>
parse_result<T> read_response_text(std::string_view text, Read read) noexcept {
  parse_result<T> r;
  try {
    nlohmann::json j;
    if (!parse_response_text(text, j, r.message)) return r;
    return read(j);
  } catch (...) { out_of_memory(r); }
  return r;
}

}  // namespace detail::response

/// Reads a create response, task detail or callback body. Never throws.
[[nodiscard]] inline parse_result<video_task> parse_task(const nlohmann::json& body) noexcept {
  return detail::response::read_response<video_task>(
      [&](detail::response::response_reader& reader, video_task& t) { return reader.task(body, t); });
}
[[nodiscard]] inline parse_result<video_task> parse_task(std::string_view text) noexcept {
  return detail::response::read_response_text<video_task>(text, [](const nlohmann::json& j) { return parse_task(j); });
}

/// Reads an HTTP error body `{"error": {"code", "message", "type"}}`; `code` may be a string or an
/// integer. A body without an `error` object is a parse error. Never throws.
[[nodiscard]] inline parse_result<api_error> parse_error_body(const nlohmann::json& body) noexcept {
  return detail::response::read_response<api_error>([&](detail::response::response_reader& reader, api_error& e) {
    if (!body.is_object()) return reader.fail("", "expected a JSON object, got " + detail::response::response_reader::kind(body));
    const auto it = body.find("error");
    if (it == body.end() || it->is_null()) return reader.fail("/error", "missing: an error body has an \"error\" object");
    return reader.error_object(*it, "/error", e);
  });
}
[[nodiscard]] inline parse_result<api_error> parse_error_body(std::string_view text) noexcept {
  return detail::response::read_response_text<api_error>(text, [](const nlohmann::json& j) { return parse_error_body(j); });
}

/// nlohmann/json conversions (`j.get<seedance::video_task>()`): as `parse_task`, but a bad field
/// throws `response_error` (naming it). For untrusted bodies prefer `parse_task`.
inline void from_json(const nlohmann::json& j, video_task& t) {
  detail::response::response_reader reader;
  video_task out;
  if (!reader.task(j, out)) throw response_error(reader.field, reader.message);
  t = std::move(out);
}
/// The `error` object itself (`{"code", "message", "type"}`).
inline void from_json(const nlohmann::json& j, api_error& e) {
  detail::response::response_reader reader;
  api_error out;
  if (!reader.error_object(j, "", out)) throw response_error(reader.field, reader.message);
  e = std::move(out);
}

// ---------------------------------------------------------------------------------------------
// Classification, expiry, polling
// ---------------------------------------------------------------------------------------------

}  // namespace seedance

#include "detail/response/advice.hpp"  // error tables, advice by operation, backoff, Retry-After

namespace seedance {

/// When the result URLs of a task completed at `completed_at` stop working (24 hours later); the
/// largest time point when that is beyond the type's range (no overflow).
[[nodiscard]] constexpr std::chrono::sys_seconds expires_at(std::chrono::sys_seconds completed_at) noexcept {
  constexpr auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(task_facts::result_url_lifetime);
  constexpr auto last = std::chrono::sys_seconds::max();
  if (completed_at > last - lifetime) return last;
  return completed_at + lifetime;
}
/// Whether those URLs have expired at `now`.
[[nodiscard]] constexpr bool results_expired(std::chrono::sys_seconds completed_at, std::chrono::sys_seconds now) noexcept {
  return now >= expires_at(completed_at);
}

/// Polling intervals.
struct poll_policy {
  std::chrono::seconds min_interval{2};   // never poll more often
  std::chrono::seconds max_interval{30};  // never wait longer (the cap)
};

/// How long to wait before the next poll of a task that has been running for `elapsed`:
///   - with an estimate E (`task_info.estimated_time` > 0): before E, half the time left, so the polls
///     close in on E; after E, a quarter of the overrun, so a late task is polled less and less often;
///   - without one: a quarter of the elapsed time;
/// always within [min_interval, max_interval]. Deterministic; no HTTP. See docs/responses.md.
[[nodiscard]] constexpr std::chrono::seconds next_poll(std::chrono::seconds elapsed, std::optional<std::chrono::seconds> estimated_time,
                                                       const poll_policy& policy = {}) noexcept {
  using std::chrono::seconds;
  const seconds lo = policy.min_interval > seconds{0} ? policy.min_interval : seconds{1};
  const seconds hi = policy.max_interval > lo ? policy.max_interval : lo;
  if (elapsed < seconds{0}) elapsed = seconds{0};
  seconds d{0};
  if (estimated_time && *estimated_time > seconds{0}) {
    const seconds e = *estimated_time;
    d = elapsed < e ? (e - elapsed) / 2 : (elapsed - e) / 4;
  } else {
    d = elapsed / 4;
  }
  return d < lo ? lo : d > hi ? hi : d;
}

/// The same for a task just read: `std::nullopt` once its status is terminal (stop polling).
[[nodiscard]] inline std::optional<std::chrono::seconds> next_poll(const video_task& t, std::chrono::seconds elapsed,
                                                                   const poll_policy& policy = {}) noexcept {
  if (t.is_terminal()) return std::nullopt;
  std::optional<std::chrono::seconds> e;
  if (t.task_info && t.task_info->estimated_time) e = std::chrono::seconds{*t.task_info->estimated_time};
  return next_poll(elapsed, e, policy);
}

/// Whether `id` has the form of a task id (`task-unified-...`).
[[nodiscard]] constexpr bool looks_like_task_id(std::string_view id) noexcept {
  return id.size() > task_facts::id_prefix.size() && id.substr(0, task_facts::id_prefix.size()) == task_facts::id_prefix;
}

}  // namespace seedance

#endif  // SEEDANCE_RESPONSE_HPP

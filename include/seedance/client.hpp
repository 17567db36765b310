// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// The client (docs/client.md): submit a request (validate, estimate, check the budget, send with an
// idempotency key, retry only where nothing was created), read a task (retrying transient errors)
// and wait for it (polling on the library's schedule; a failed poll is retried, never taken for
// the end). It sends through a transport of your choice (the `transport` concept below); the
// library's Beast + OpenSSL one is in its own header. No I/O here; not in the umbrella.
#ifndef SEEDANCE_CLIENT_HPP
#define SEEDANCE_CLIENT_HPP

#include <chrono>
#include <concepts>
#include <filesystem>
#include <system_error>
#include <vector>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "budget.hpp"
#include "estimate.hpp"
#include "probe.hpp"
#include "protocol.hpp"
#include "response.hpp"

namespace seedance {

// ---------------------------------------------------------------------------------------------
// The transport
// ---------------------------------------------------------------------------------------------

/// How to send one request.
struct send_options {
  std::chrono::milliseconds timeout{30'000};  ///< for the whole exchange
  /// Open a new connection rather than reuse a kept-alive one. The client asks for it on every
  /// retry of a create: a stale connection that fails after the request was written would turn a
  /// retry into an unknown outcome.
  bool fresh_connection = false;
};

/// What a transport returns: an answer, or why none came and whether the request may have been
/// sent (false only when no byte of it was written: connecting or the TLS handshake failed).
struct transport_result {
  std::optional<http_response> response;
  bool sent = false;
  std::string error;  ///< one sentence when there is no answer (never the key)
  /// Nothing was sent and retrying cannot help: the server's certificate was refused, or TLS
  /// could not be agreed. The client then refuses at once instead of retrying.
  bool final = false;
};

/// A transport sends one request and returns its answer; it never throws for network errors.
template <class T>
concept transport = requires(T& t, const http_request& q, const send_options& o) {
  { t.send(q, o) } -> std::same_as<transport_result>;
};

/// A transport that can also stream an answer's body into a file (result downloads: memory stays
/// bounded whatever the size). The response it returns has an empty body; the file holds it.
template <class T>
concept file_transport = transport<T> && requires(T& t, const http_request& q, const send_options& o, const std::filesystem::path& p) {
  { t.send_to_file(q, o, p) } -> std::same_as<transport_result>;
};

// ---------------------------------------------------------------------------------------------
// Options and results
// ---------------------------------------------------------------------------------------------

struct client_options {
  std::string base_url{api_facts::default_base_url};
  std::string api_key;
  std::chrono::milliseconds timeout{30'000};  ///< per call
  unsigned max_retries = 5;                   ///< per call, for answers that allow a retry
  poll_policy poll{};
  /// Every wait (retries and polls) is multiplied by this: 0.01 makes a 2 s wait 20 ms, for tests
  /// against `seedance serve --time-scale 0.01`. Waits keep millisecond resolution.
  double time_scale = 1.0;
  /// How to wait and what time it is: injectable for tests. Defaults: sleep_for and steady_clock.
  std::function<void(std::chrono::milliseconds)> sleep;
  std::function<std::chrono::steady_clock::time_point()> now;
};

struct submit_options {
  std::optional<decimal> max_credits;           ///< a per-request cap (see check_budget)
  std::optional<std::string> idempotency_key;   ///< a fresh 128-bit key when absent
  media_map media;                              ///< media properties for the validation and estimate
  bool strict = false;                          ///< the validator's strict mode
};

/// How a submit ended.
enum class submit_status : std::uint8_t {
  created,          ///< `task` holds the created task
  invalid,          ///< the request has errors (`report`): nothing was sent
  over_budget,      ///< refused by `max_credits` (`message`): nothing was sent
  refused,          ///< not sent: the endpoint, key or idempotency key cannot be used (`message`)
  failed,           ///< the API answered a final error (`error`, `advice`): nothing to retry as is
  retry_later,      ///< nothing was created, but the retries ran out: submit again later (any key)
  outcome_unknown,  ///< may have been created and charged: look it up, or resubmit with `idempotency_key` only
};

template <>
struct enum_strings<submit_status> {
  static constexpr std::array<std::string_view, 7> values{"created", "invalid",     "over_budget",    "refused",
                                                          "failed",  "retry_later", "outcome_unknown"};
};

struct submit_result {
  submit_status status = submit_status::refused;
  seedance::report report;              ///< the validation
  std::optional<cost_estimate> estimate;
  std::string idempotency_key;          ///< the key sent (or that would have been)
  std::optional<video_task> task;       ///< created
  std::optional<api_error> error;       ///< the provider's error body, when it sent one
  error_advice advice;                  ///< for failed, retry_later, outcome_unknown
  int http_status = 0;                  ///< of the last answer; 0 when none came
  unsigned attempts = 0;                ///< requests sent (or tried)
  std::string message;                  ///< one sentence for people
  std::string body;                     ///< the last answer's body as received (empty when none came)
};

/// A task read (`get_task`) or a wait's end.
enum class task_read_status : std::uint8_t {
  ok,                ///< `task` holds the task (for `wait`: a terminal one)
  failed,            ///< a final error (`error`, `advice`), e.g. 404 for an unknown id
  retries_exhausted, ///< transient errors until the retries ran out (a read: nothing was charged)
  deadline_passed,   ///< `wait` only: the deadline came first; `task` holds the last one read, if any
  refused,           ///< not sent (`message`)
};

template <>
struct enum_strings<task_read_status> {
  static constexpr std::array<std::string_view, 5> values{"ok", "failed", "retries_exhausted", "deadline_passed", "refused"};
};

struct task_result {
  task_read_status status = task_read_status::refused;
  std::optional<video_task> task;
  std::optional<api_error> error;
  error_advice advice;
  int http_status = 0;
  unsigned attempts = 0;
  std::string message;
  std::string body;  ///< the last answer's body as received
};

struct wait_options {
  /// Give up after this long (from the call); no deadline when absent.
  std::optional<std::chrono::milliseconds> deadline;
  /// Called with every task read while waiting (progress lines).
  std::function<void(const video_task&)> on_progress;
};

/// One downloaded result.
struct downloaded_file {
  std::string url;
  std::filesystem::path file;        ///< where it was written (when `ok`)
  bool ok = false;
  std::optional<probe_result> probe; ///< what the probe read of it
  std::string message;               ///< why not, when not `ok`
};

struct download_result {
  bool ok = false;  ///< every result was written and probes as media
  std::vector<downloaded_file> files;
  std::string message;
};

/// What `confirm_callback` found.
struct callback_check {
  bool confirmed = false;            ///< the API shows the task as the callback says
  std::optional<video_task> claimed; ///< the callback's body
  std::optional<video_task> actual;  ///< the task as read back from the API
  std::string message;
};

namespace detail::client {
/// A file name for result `index` (1-based, of `count`) of task `id`: the id's letters, digits,
/// '-', '_' and '.' (others become '_'; at most 96), then the URL's extension when it is 1 to 8
/// letters or digits, else "mp4". Never a path: no separator, no leading dot.
[[nodiscard]] inline std::string result_file_name(std::string_view id, std::size_t index, std::size_t count, std::string_view url) {
  std::string name;
  for (const char c : id.substr(0, 96)) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    name += keep ? c : '_';
  }
  while (!name.empty() && name.front() == '.') name.front() = '_';
  if (name.empty()) name = "result";
  if (count > 1) name += "-" + std::to_string(index);
  std::string ext;
  if (url_result u = parse_url(url)) ext = path_extension(*u.url);
  bool plain = !ext.empty() && ext.size() <= 8;
  for (const char c : ext)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) plain = false;
  return name + "." + (plain ? ext : std::string("mp4"));
}
}  // namespace detail::client

// ---------------------------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------------------------

template <transport Transport>
class basic_client {
 public:
  basic_client(client_options options, Transport transport);

  [[nodiscard]] const client_options& options() const noexcept { return options_; }
  [[nodiscard]] Transport& transport_ref() noexcept { return transport_; }

  /// Validates, estimates, checks the budget, then sends the create: see docs/client.md for every
  /// outcome. Sends the same body bytes and the same idempotency key on every retry, and retries
  /// only answers that prove nothing was created.
  [[nodiscard]] submit_result submit(const nlohmann::json& body, const submit_options& so = {});

  /// Reads a task, retrying transient errors (a read is never charged).
  [[nodiscard]] task_result get_task(std::string_view id);

  /// Polls `id` until its status is terminal, on the library's schedule (`next_poll`, scaled by
  /// `time_scale`). A poll that fails for a transient reason is retried on the next round, never
  /// taken for the end; only a final error (such as 404) or the deadline ends the wait early.
  [[nodiscard]] task_result wait(std::string_view id, const wait_options& wo = {});

  /// Writes each result of a completed task into `directory` (created if missing), streaming
  /// (bounded memory), under a safe name (`<task id>[-N].<ext>`), through a `.part` file renamed
  /// when whole; then probes it. The API key is never sent to a result host. A failed read is
  /// retried like a task read.
  [[nodiscard]] download_result download(const video_task& task, const std::filesystem::path& directory)
    requires file_transport<Transport>;

  /// Confirms a callback: the provider signs nothing, so the body proves nothing by itself. The
  /// task it names is read back from the API and compared (id, status and, when completed, the
  /// result URLs); only then is it `confirmed`.
  [[nodiscard]] callback_check confirm_callback(std::string_view body);

 private:
  void fetch_one(downloaded_file& f);

  template <class R>
  static R refuse(R& r, std::string message) {
    mark_refused(r, std::move(message));
    return std::move(r);
  }
  template <class R>
  static void mark_refused(R& r, std::string message) {
    if constexpr (std::is_same_v<R, submit_result>) r.status = submit_status::refused;
    else r.status = task_read_status::refused;
    r.message = std::move(message);
  }
  /// One attempt of a create or a read: sends `q` (on a fresh connection for a retry), counts it,
  /// and copies what the answer says into `r` (its status is the caller's to set). Empty when the
  /// transport failed for good before sending (a refused certificate): `r` is then refused.
  template <class R>
  [[nodiscard]] std::optional<call_result> attempt_call(const http_request& q, api_operation op, unsigned attempt, R& r) {
    transport_result t = transport_.send(q, send_options{options_.timeout, attempt > 0});
    ++r.attempts;
    if (!t.response && !t.sent && t.final) {
      mark_refused(r, t.error + " (nothing was sent)");
      return std::nullopt;
    }
    call_result c = !t.response                   ? interpret_transport_failure(op, t.sent, t.error, attempt)
                    : op == api_operation::create ? interpret_create(*t.response, attempt)
                                                  : interpret_read(*t.response, attempt);
    r.http_status = c.http_status;
    r.error = std::move(c.error);
    r.advice = c.advice;
    r.message = std::move(c.message);
    r.body = std::move(c.body);
    return c;
  }
  [[nodiscard]] std::chrono::milliseconds scale(std::chrono::milliseconds d) const noexcept {
    const double ms = static_cast<double>(d.count()) * (options_.time_scale > 0 ? options_.time_scale : 1.0);
    return std::chrono::milliseconds{ms < 1 ? 1 : static_cast<std::int64_t>(ms)};
  }
  [[nodiscard]] std::chrono::milliseconds unscale(std::chrono::milliseconds d) const noexcept {
    const double s = options_.time_scale > 0 ? options_.time_scale : 1.0;
    return std::chrono::milliseconds{static_cast<std::int64_t>(static_cast<double>(d.count()) / s)};
  }
  void wait_for(std::chrono::seconds d) { options_.sleep(scale(std::chrono::duration_cast<std::chrono::milliseconds>(d))); }

  client_options options_;
  Transport transport_;
  endpoint_result endpoint_;
};

template <transport Transport>
basic_client<Transport>::basic_client(client_options options, Transport transport)
    : options_(std::move(options)), transport_(std::move(transport)) {
  if (!options_.sleep) options_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  if (!options_.now) options_.now = [] { return std::chrono::steady_clock::now(); };
  endpoint_ = parse_endpoint(options_.base_url);
}

template <transport Transport>
submit_result basic_client<Transport>::submit(const nlohmann::json& body, const submit_options& so) {
  submit_result r;
  r.idempotency_key = so.idempotency_key ? *so.idempotency_key : new_idempotency_key();
  estimate_options eo;
  eo.validation.strict = so.strict;
  estimate_result e = estimate_cost(body, so.media, eo);
  r.report = std::move(e.report);
  r.estimate = std::move(e.estimate);
  if (!r.report.ok()) {
    r.status = submit_status::invalid;
    r.message = "the request is invalid: nothing was sent";
    return r;
  }
  if (budget_verdict v = check_budget(r.estimate, so.max_credits); !v) {
    r.status = submit_status::over_budget;
    r.message = std::move(v.reason);
    return r;
  }
  if (!endpoint_) return refuse(r, endpoint_.error);
  built_request built = create_request(*endpoint_.endpoint, options_.api_key, body.dump(), r.idempotency_key);
  if (!built) return refuse(r, built.message);

  for (unsigned attempt = 0;; ++attempt) {
    std::optional<call_result> answered = attempt_call(*built.request, api_operation::create, attempt, r);
    if (!answered) return r;
    call_result& c = *answered;
    switch (c.outcome) {
      case call_outcome::ok:
        r.status = submit_status::created;
        r.task = std::move(c.task);
        return r;
      case call_outcome::failed: r.status = submit_status::failed; return r;
      case call_outcome::outcome_unknown:
        r.status = submit_status::outcome_unknown;
        r.message += ": the task may have been created; look it up, or resubmit only with the idempotency key " + r.idempotency_key;
        return r;
      case call_outcome::retry:
        if (attempt >= options_.max_retries) {
          r.status = submit_status::retry_later;
          r.message += ": nothing was created; the retries ran out";
          return r;
        }
        wait_for(c.advice.retry_after.value_or(retry_backoff(attempt)));
        break;
    }
  }
}

template <transport Transport>
task_result basic_client<Transport>::get_task(std::string_view id) {
  task_result r;
  if (!endpoint_) return refuse(r, endpoint_.error);
  built_request built = task_request(*endpoint_.endpoint, options_.api_key, id);
  if (!built) return refuse(r, built.message);
  for (unsigned attempt = 0;; ++attempt) {
    std::optional<call_result> answered = attempt_call(*built.request, api_operation::read, attempt, r);
    if (!answered) return r;
    call_result& c = *answered;
    if (c.outcome == call_outcome::ok) {
      r.status = task_read_status::ok;
      r.task = std::move(c.task);
      return r;
    }
    if (c.outcome != call_outcome::retry) {
      r.status = task_read_status::failed;
      return r;
    }
    if (attempt >= options_.max_retries) {
      r.status = task_read_status::retries_exhausted;
      return r;
    }
    wait_for(c.advice.retry_after.value_or(retry_backoff(attempt)));
  }
}

template <transport Transport>
task_result basic_client<Transport>::wait(std::string_view id, const wait_options& wo) {
  const auto start = options_.now();
  std::optional<video_task> last;
  std::string last_body;
  for (;;) {
    task_result r = get_task(id);
    if (r.status == task_read_status::failed || r.status == task_read_status::refused) return r;
    if (r.status == task_read_status::ok) {
      if (wo.on_progress) wo.on_progress(*r.task);
      if (r.task->is_terminal()) return r;
      last = r.task;
      last_body = r.body;
    }
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(options_.now() - start);
    const auto scaled_elapsed = std::chrono::duration_cast<std::chrono::seconds>(unscale(elapsed));
    std::chrono::seconds next = last ? next_poll(*last, scaled_elapsed, options_.poll).value_or(options_.poll.min_interval)
                                     : next_poll(scaled_elapsed, std::nullopt, options_.poll);
    const std::chrono::milliseconds pause = scale(next);
    if (wo.deadline && elapsed + pause > *wo.deadline) {
      task_result d;
      d.status = task_read_status::deadline_passed;
      d.task = std::move(last);
      d.body = std::move(last_body);
      d.attempts = r.attempts;
      d.message = "the deadline passed before the task ended";
      return d;
    }
    options_.sleep(pause);
  }
}

template <transport Transport>
download_result basic_client<Transport>::download(const video_task& task, const std::filesystem::path& directory)
  requires file_transport<Transport>
{
  download_result out;
  if (task.status != task_status::completed || task.results.empty()) {
    out.message = "the task has no results to download (status " + task.status_text + ")";
    return out;
  }
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) {
    out.message = "cannot create " + directory.string() + ": " + ec.message();
    return out;
  }
  out.ok = true;
  const std::string id = task.id.value_or("result");
  for (std::size_t i = 0; i < task.results.size(); ++i) {
    downloaded_file f;
    f.url = task.results[i];
    f.file = directory / detail::client::result_file_name(id, i + 1, task.results.size(), f.url);
    fetch_one(f);
    out.ok = out.ok && f.ok;
    out.files.push_back(std::move(f));
  }
  if (!out.ok) out.message = "not every result was downloaded";
  return out;
}

template <transport Transport>
callback_check basic_client<Transport>::confirm_callback(std::string_view body) {
  callback_check c;
  parse_result<video_task> p = parse_task(body);
  if (!p.ok() || !p.value->id || p.value->id->empty()) {
    c.message = p.ok() ? "the callback names no task" : "the callback is not a task: " + p.message;
    return c;
  }
  c.claimed = std::move(p.value);
  task_result r = get_task(*c.claimed->id);
  if (r.status != task_read_status::ok) {
    c.message = "the task could not be read back: " + r.message;
    return c;
  }
  c.actual = std::move(r.task);
  if (c.actual->id != c.claimed->id || c.actual->status != c.claimed->status) {
    c.message = "the API shows the task as " + c.actual->status_text + ", the callback says " + c.claimed->status_text;
  } else if (c.claimed->status == task_status::completed && c.actual->results != c.claimed->results) {
    c.message = "the callback's result URLs are not the API's";
  } else {
    c.confirmed = true;
  }
  return c;
}

template <transport Transport>
void basic_client<Transport>::fetch_one(downloaded_file& f) {
  built_request built = download_request(f.url);
  if (!built) {
    f.message = built.message;
    return;
  }
  std::filesystem::path part = f.file;
  part += ".part";
  for (unsigned attempt = 0;; ++attempt) {
    transport_result t = transport_.send_to_file(*built.request, send_options{options_.timeout, attempt > 0}, part);
    call_result c;
    if (!t.response && !t.sent && t.final) {
      f.message = t.error + " (nothing was sent)";
      return;
    }
    if (!t.response) {
      c = interpret_transport_failure(api_operation::read, t.sent, t.error, attempt);
    } else if (t.response->status >= 200 && t.response->status <= 299) {
      std::error_code ec;
      std::filesystem::rename(part, f.file, ec);
      if (ec) {
        f.message = "cannot rename " + part.string() + ": " + ec.message();
        return;
      }
      f.probe = probe_file(f.file);
      f.ok = f.probe->ok();
      if (!f.ok) f.message = "downloaded, but the file does not probe as media: " + f.probe->error()->message;
      return;
    } else {
      c = interpret_read(*t.response, attempt);
    }
    std::error_code ignored;
    std::filesystem::remove(part, ignored);
    if (c.outcome != call_outcome::retry || attempt >= options_.max_retries) {
      f.message = c.message.empty() ? "the download failed" : c.message;
      return;
    }
    wait_for(c.advice.retry_after.value_or(retry_backoff(attempt)));
  }
}

}  // namespace seedance

#endif  // SEEDANCE_CLIENT_HPP

// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/response.hpp> (include that, not this header): what to do about an error: the
// error tables (docs/spec.md sections 7 and 9), the advice by operation, backoff and Retry-After.
#ifndef SEEDANCE_RESPONSE_HPP
#error "include <seedance/response.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_RESPONSE_ADVICE_HPP
#define SEEDANCE_DETAIL_RESPONSE_ADVICE_HPP

namespace seedance {

/// What to do about an error.
enum class error_action : std::uint8_t {
  retry,            ///< the same request later (after `retry_after`)
  resubmit,         ///< submit the task again (it was cancelled)
  fix_request,      ///< the request itself must change
  fix_account,      ///< credentials, quota or model access must change
  check_task_id,    ///< the task id is wrong or unknown
  unknown,          ///< not classified: at most one retry, then report it (never for a create)
  outcome_unknown,  ///< a create that may have been charged: look the task up, or resubmit only with the
                    ///< same Idempotency-Key (never with a new one)
};

template <>
struct enum_strings<error_action> {
  static constexpr std::array<std::string_view, 7> values{"retry",         "resubmit", "fix_request",    "fix_account",
                                                          "check_task_id", "unknown",  "outcome_unknown"};
};

/// Which call an error answered. The advice differs: a task read (or a result download) changes
/// nothing and may be retried after any transient error, while a create may already have been
/// charged when its answer is a server error, so only answers that prove nothing was created are
/// retried (docs/spec.md section 9).
enum class api_operation : std::uint8_t {
  create,  ///< POST /v1/videos/generations
  read,    ///< GET /v1/tasks/{task_id}, a result download: nothing is created or charged
};

template <>
struct enum_strings<api_operation> {
  static constexpr std::array<std::string_view, 2> values{"create", "read"};
};

/// One row of the error tables: a code, the HTTP status that sends it (0: any, or a task error), what
/// to do, whether the answer proves that nothing was created (so that a create may be retried), and
/// a reason when the action's general one is not enough.
struct error_row {
  std::string_view code;
  int http_status;
  error_action action;
  bool nothing_created = false;
  std::string_view reason = {};
};

/// HTTP errors of the provider's page (docs/spec.md section 7) and its newer ones (section 9): a
/// known `error.code` decides before the status does.
inline constexpr std::array<error_row, 7> http_error_table{{
    {"invalid_request", 400, error_action::fix_request, true},
    {"unauthorized", 401, error_action::fix_account, true},
    {"insufficient_quota", 402, error_action::fix_account, true},
    {"model_access_denied", 403, error_action::fix_account, true},
    {"idempotency_conflict", 409, error_action::fix_request, true,
     "this Idempotency-Key was already used with another body: send that body, or a new key for a new request"},
    {"rate_limit_exceeded", 429, error_action::retry, true},
    {"internal_error", 500, error_action::retry, false},
}};

namespace detail::response {
inline constexpr std::string_view moderation_reason =
    "the content was refused by moderation: change it; retrying the same request fails again";
inline constexpr std::string_view unavailable_reason = "no capacity for this model now: nothing was created; retry later";
}  // namespace detail::response

/// The provider's newer error codes (docs/spec.md section 9), sent under various statuses.
inline constexpr std::array<error_row, 16> error_code_table{{
    // the account must change
    {"insufficient_user_quota", 0, error_action::fix_account, true},
    {"quota_not_enough", 0, error_action::fix_account, true},
    {"insufficient_token_quota", 0, error_action::fix_account, true},
    {"token_daily_quota_exceeded", 0, error_action::fix_account, true},
    {"key_disabled", 0, error_action::fix_account, true},
    {"key_expired", 0, error_action::fix_account, true},
    {"key_model_not_allowed", 0, error_action::fix_account, true},
    {"user_disabled", 0, error_action::fix_account, true},
    // moderation: the request must change
    {"content_filter", 0, error_action::fix_request, true, detail::response::moderation_reason},
    {"sensitive_content", 0, error_action::fix_request, true, detail::response::moderation_reason},
    {"moderation_blocked", 0, error_action::fix_request, true, detail::response::moderation_reason},
    {"input_moderation_failed", 0, error_action::fix_request, true, detail::response::moderation_reason},
    // no capacity: nothing was created, retry later ("channel:" matches every code that starts with it)
    {"no_available_channel", 0, error_action::retry, true, detail::response::unavailable_reason},
    {"model_unavailable", 0, error_action::retry, true, detail::response::unavailable_reason},
    {"channel:", 0, error_action::retry, true, detail::response::unavailable_reason},
    // the create may have been charged
    {"paid_outcome_unknown", 0, error_action::outcome_unknown, false},
}};

/// Task error codes (docs/spec.md section 7).
inline constexpr std::array<error_row, 13> task_error_table{{
    {"content_policy_violation", 0, error_action::fix_request},
    {"invalid_parameters", 0, error_action::fix_request},
    {"image_processing_error", 0, error_action::fix_request},
    {"image_dimension_mismatch", 0, error_action::fix_request},
    {"request_cancelled", 0, error_action::resubmit},
    {"generation_failed_no_content", 0, error_action::retry},
    {"service_error", 0, error_action::retry},
    {"generation_timeout", 0, error_action::retry},
    {"resource_exhausted", 0, error_action::retry},
    {"quota_exceeded", 0, error_action::retry},
    {"service_unavailable", 0, error_action::retry},
    {"resource_not_found", 0, error_action::check_task_id},
    {"unknown_error", 0, error_action::unknown},
}};

/// What to do about an error, and when to retry.
struct error_advice {
  error_action action = error_action::unknown;
  std::optional<std::chrono::seconds> retry_after;  // set for `retry` (and once for `unknown`); never for `outcome_unknown`
  std::string_view reason;                          // a short explanation (static text)
  [[nodiscard]] bool retryable() const noexcept { return action == error_action::retry; }
};

/// Backoff for the `attempt`-th retry (0-based): 1, 2, 4, ... seconds, at most 60. The library's
/// choice (the spec gives none for clients); add jitter when many clients retry together.
[[nodiscard]] constexpr std::chrono::seconds retry_backoff(unsigned attempt) noexcept {
  constexpr std::chrono::seconds cap{60};
  if (attempt >= 6) return cap;
  const std::chrono::seconds d{std::int64_t{1} << attempt};
  return d < cap ? d : cap;
}

namespace detail::response {
/// The row of `code` in `table`: equal codes, or a row ending in ':' that `code` starts with
/// ("channel:" for "channel:busy").
inline const error_row* find_error_row(std::string_view code, const auto& table) noexcept {
  for (const error_row& r : table)
    if (r.code == code || (r.code.ends_with(':') && code.starts_with(r.code))) return &r;
  return nullptr;
}
inline std::string_view action_reason(error_action a) noexcept {
  switch (a) {
    case error_action::retry: return "a transient error: retry the same request later";
    case error_action::resubmit: return "the task was cancelled: submit it again";
    case error_action::fix_request: return "the request must change: retrying it unchanged fails again";
    case error_action::fix_account: return "the API key, the quota or the model access must change";
    case error_action::check_task_id: return "the task was not found: check the task id";
    case error_action::unknown: return "an unclassified error: retry once at most, then report it";
    case error_action::outcome_unknown:
      return "the create may have been charged: look the task up (or wait for its callback); resubmit only with the same "
             "Idempotency-Key, never with a new one";
  }
  return {};
}
inline error_advice advice_for(error_action a, unsigned attempt, std::string_view reason = {}) noexcept {
  error_advice r;
  r.action = a;
  r.reason = reason.empty() ? action_reason(a) : reason;
  if (a == error_action::retry || (a == error_action::unknown && attempt == 0)) r.retry_after = retry_backoff(attempt);
  return r;
}
inline constexpr std::string_view too_large_reason = "the body is over the provider's size limit (HTTP 413): make it smaller";
inline constexpr std::string_view lost_answer_reason =
    "the answer never arrived: the create may have been charged; look the task up, or resubmit only with the same "
    "Idempotency-Key";
}  // namespace detail::response

/// Classifies an HTTP error answer to `op` (docs/spec.md sections 7 and 9):
///   1. a known `error.code` decides (http_error_table, then error_code_table; "channel:..." codes
///      are availability errors); else the status: a row of http_error_table, 413 (fix the
///      request), 408 (transient: the request never arrived whole), other 5xx (transient), other
///      4xx (fix the request; an inference), else unknown;
///   2. for a **create**, a transient or unclassified answer is retried only when it proves that
///      nothing was created: 429, 408, the availability codes, a 503 with `Retry-After` (whatever
///      its code, but paid_outcome_unknown). Anything else
///      (500, 502, 504, a 503 without `Retry-After`, `internal_error`, `paid_outcome_unknown`, an
///      unknown code) is `outcome_unknown`: the create may have been charged, and a new attempt with
///      a new idempotency key can be charged twice. A **read** is retried after any transient error.
/// `retry_after_header` (a `Retry-After` in seconds; see parse_retry_after) wins over the backoff.
/// `attempt` counts retries already made.
[[nodiscard]] inline error_advice classify_http_error(api_operation op, int http_status, const api_error* body = nullptr,
                                                      unsigned attempt = 0,
                                                      std::optional<std::chrono::seconds> retry_after_header = std::nullopt) noexcept {
  using detail::response::find_error_row;
  const error_row* row = nullptr;
  if (body != nullptr && !body->code.empty()) {
    row = find_error_row(body->code, http_error_table);
    if (row == nullptr) row = find_error_row(body->code, error_code_table);
  }
  if (row == nullptr) {
    for (const error_row& r : http_error_table)
      if (r.http_status == http_status) row = &r;
  }
  const bool has_retry_after = retry_after_header && *retry_after_header > std::chrono::seconds{0};
  error_action a = error_action::unknown;
  bool nothing_created = false;
  std::string_view reason;
  if (row != nullptr) {
    a = row->action;
    nothing_created = row->nothing_created;
    reason = row->reason;
  } else if (http_status == 413) {
    a = error_action::fix_request;
    nothing_created = true;
    reason = detail::response::too_large_reason;
  } else if (http_status == 408) {
    // Request Timeout: the provider did not receive the whole request, so it created nothing.
    a = error_action::retry;
    nothing_created = true;
  } else if (http_status >= 500 && http_status <= 599) {
    a = error_action::retry;
  } else if (http_status >= 400 && http_status <= 499) {
    a = error_action::fix_request;
    nothing_created = true;
  }
  // A 503 that says when to come back was refused before any work (the provider's own tools retry it).
  if (http_status == 503 && has_retry_after) nothing_created = true;
  if (op == api_operation::create && !nothing_created && (a == error_action::retry || a == error_action::unknown)) {
    a = error_action::outcome_unknown;
    reason = {};
  }
  error_advice r = detail::response::advice_for(a, attempt, reason);
  if (r.retry_after && has_retry_after) r.retry_after = *retry_after_header;
  return r;
}

/// The pre-December form, which did not say which call the error answered. It now gives the advice
/// for a **create** (the safe side: it never advises a retry that can be charged twice).
[[deprecated(
    "say which call failed: classify_http_error(seedance::api_operation::create or ::read, status, ...)")]] [[nodiscard]] inline error_advice
classify_http_error(int http_status, const api_error* body = nullptr, unsigned attempt = 0,
                    std::optional<std::chrono::seconds> retry_after_header = std::nullopt) noexcept {
  return classify_http_error(api_operation::create, http_status, body, attempt, retry_after_header);
}

/// A call whose answer never came: the connection failed or timed out. `sent` tells whether the
/// request may have reached the provider (false only when the connection or TLS handshake failed
/// before any byte of the request was written). A create that may have been sent has an unknown
/// outcome (docs/spec.md section 9: the provider's own tools never retry it automatically); a read,
/// or anything not sent, is retried.
[[nodiscard]] inline error_advice classify_transport_failure(api_operation op, bool sent, unsigned attempt = 0) noexcept {
  if (op == api_operation::create && sent)
    return detail::response::advice_for(error_action::outcome_unknown, attempt, detail::response::lost_answer_reason);
  return detail::response::advice_for(error_action::retry, attempt);
}

/// The `Retry-After` header's delay-seconds form ("120"); `std::nullopt` for anything else
/// (an HTTP-date is not read: pass the seconds it names yourself). Values beyond a day are capped
/// at a day.
[[nodiscard]] constexpr std::optional<std::chrono::seconds> parse_retry_after(std::string_view v) noexcept {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  if (v.empty()) return std::nullopt;
  constexpr std::int64_t cap = 86400;
  std::int64_t n = 0;
  for (const char c : v) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
    if (n > cap) n = cap;
  }
  return std::chrono::seconds{n};
}

/// Classifies a failed task's `error` by its code (docs/spec.md section 7); an unlisted code is `unknown`.
[[nodiscard]] inline error_advice classify_task_error(const api_error& e, unsigned attempt = 0) noexcept {
  const error_row* r = detail::response::find_error_row(e.code, task_error_table);
  return detail::response::advice_for(r ? r->action : error_action::unknown, attempt, r ? r->reason : std::string_view{});
}

}  // namespace seedance

#endif  // SEEDANCE_DETAIL_RESPONSE_ADVICE_HPP

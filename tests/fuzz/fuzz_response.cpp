// libFuzzer target: the response parsers (create response, task detail, callback body, HTTP error
// body) on arbitrary bytes, and what a caller does next with what they return (classify the error,
// schedule the next poll, compute the result URLs' expiry). A crash, a sanitizer report, an escaping
// exception, a failure without a message or with a field that is not a JSON pointer, or a value
// outside what the parser promises (progress beyond 0..100, a poll interval outside the policy) is
// a finding.
#include <seedance/response.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

template <class T>
void check_failure(const seedance::parse_result<T>& r) {
  if (r.ok()) return;
  if (r.message.empty()) std::abort();
  if (!r.field.empty() && r.field.front() != '/') std::abort();
}

void check_advice(const seedance::error_advice& a) {
  if (a.reason.empty()) std::abort();
  if (a.retryable() && !a.retry_after) std::abort();
  if (a.retry_after && *a.retry_after <= std::chrono::seconds{0}) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace std::chrono;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const auto task = seedance::parse_task(text);  // noexcept: an escaping exception aborts
  check_failure(task);
  if (task.ok()) {
    const seedance::video_task& t = *task.value;
    if (t.progress && (*t.progress < 0 || *t.progress > seedance::task_facts::progress_max)) std::abort();
    const seedance::poll_policy policy;
    for (const seconds elapsed : {seconds{0}, seconds{37}, seconds{100000}}) {
      if (const auto next = seedance::next_poll(t, elapsed, policy)) {
        if (*next < policy.min_interval || *next > policy.max_interval) std::abort();
      } else if (!t.is_terminal()) {
        std::abort();
      }
    }
    if (t.created) {
      const sys_seconds created{seconds{*t.created}};
      if (seedance::expires_at(created) < created) std::abort();
    }
    if (t.error) check_advice(seedance::classify_task_error(*t.error, 3));
  }

  const auto err = seedance::parse_error_body(text);
  check_failure(err);
  for (const int status : {0, 400, 401, 429, 500, 503, 599}) {
    const seedance::api_error* body = err.ok() ? &*err.value : nullptr;
    check_advice(seedance::classify_http_error(seedance::api_operation::read, status, body, 2));
    const auto create = seedance::classify_http_error(seedance::api_operation::create, status, body, 2, std::chrono::seconds{3});
    check_advice(create);
    // a create is retried only on an answer that proves nothing was created
    if (create.retryable() && status != 429 && status != 503 && !(err.ok() && !err.value->code.empty())) std::abort();
    if (create.action == seedance::error_action::unknown) std::abort();  // a create is never "retry once"
  }
  return 0;
}

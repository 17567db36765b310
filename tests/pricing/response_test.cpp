// seedance/response.hpp: the provider's example bodies, hostile bodies, classification, expiry, polling.
#include <seedance/response.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <string_view>

using nlohmann::json;
using namespace std::chrono_literals;
using seedance::api_operation;
using seedance::error_action;
using seedance::task_status;

namespace {
// The provider's page: VideoGenerationResponse, every field with its example value.
constexpr std::string_view provider_create_response = R"({
  "created": 1761313744,
  "id": "task-unified-1774857405-abc123",
  "model": "seedance-2.0-text-to-video",
  "object": "video.generation.task",
  "progress": 0,
  "status": "pending",
  "task_info": {"can_cancel": true, "estimated_time": 165, "video_duration": 8},
  "type": "video",
  "usage": {"billing_rule": "per_second", "credits_reserved": 50, "user_group": "default"}
})";

seedance::video_task need(const seedance::parse_result<seedance::video_task>& r) {
  INFO(r.message);
  REQUIRE(r.ok());
  return *r.value;
}

std::string field_of(std::string_view text) {
  const auto r = seedance::parse_task(text);
  CHECK_FALSE(r.ok());
  CHECK(r.message.find(r.field) != std::string::npos);  // the message names the field
  return r.field;
}
}  // namespace

TEST_CASE("responses: the provider's create response", "[responses]") {
  const auto t = need(seedance::parse_task(provider_create_response));
  CHECK(t.created == 1761313744);
  CHECK(t.id == "task-unified-1774857405-abc123");
  CHECK(seedance::looks_like_task_id(*t.id));
  CHECK(t.model == "seedance-2.0-text-to-video");
  CHECK(t.object == seedance::task_facts::object);
  CHECK(t.progress == 0);
  CHECK(t.status == task_status::pending);
  CHECK_FALSE(t.is_terminal());
  REQUIRE(t.task_info);
  CHECK(t.task_info->can_cancel == true);
  CHECK(t.task_info->estimated_time == 165);
  CHECK(t.task_info->video_duration == 8);
  CHECK(t.type == "video");
  REQUIRE(t.usage);
  CHECK(t.usage->billing_rule == "per_second");
  CHECK(t.usage->credits_reserved == seedance::decimal(50));
  CHECK(t.usage->user_group == "default");
  CHECK(t.results.empty());
  CHECK_FALSE(t.error);
  // the throwing nlohmann spelling reads the same
  const auto g = json::parse(provider_create_response).get<seedance::video_generation_response>();
  CHECK(g.id == t.id);
}

TEST_CASE("responses: task detail and callback bodies: completed, failed, cancelled", "[responses]") {
  const auto done = need(seedance::parse_task(std::string_view(R"({
    "id": "task-unified-1", "status": "completed", "progress": 100,
    "results": ["https://cdn.example.com/v.mp4", {"url": "https://cdn.example.com/w.mp4", "kind": "video"}],
    "usage": {"credits_reserved": 164.43}, "brand_new_field": {"x": [1, 2]}})")));
  CHECK(done.status == task_status::completed);
  CHECK(done.is_terminal());
  REQUIRE(done.results.size() == 2);
  CHECK(done.results[1] == "https://cdn.example.com/w.mp4");
  CHECK(done.usage->credits_reserved == *seedance::decimal::parse("164.43"));  // exact, not 164.430000000000007

  const auto failed = need(seedance::parse_task(std::string_view(
      R"({"id": "task-unified-2", "status": "failed", "error": {"code": "generation_timeout", "message": "timed out", "type": "task_error"}})")));
  CHECK(failed.is_terminal());
  REQUIRE(failed.error);
  CHECK(failed.error->type == seedance::task_facts::task_error_type);
  const auto advice = seedance::classify_task_error(*failed.error);
  CHECK(advice.action == error_action::retry);
  CHECK(advice.retry_after == 1s);

  CHECK(need(seedance::parse_task(std::string_view(R"({"status": "cancelled"})"))).is_terminal());
  // missing optional fields are fine; a missing or unknown status is `unknown`, not terminal
  const auto empty = need(seedance::parse_task(std::string_view("{}")));
  CHECK(empty.status == task_status::unknown);
  CHECK_FALSE(empty.is_terminal());
  const auto novel = need(seedance::parse_task(std::string_view(R"({"status": "queued_for_review"})")));
  CHECK(novel.status == task_status::unknown);
  CHECK(novel.status_text == "queued_for_review");
  CHECK_FALSE(novel.is_terminal());
  // null is absent
  CHECK(need(seedance::parse_task(std::string_view(R"({"id": null, "error": null, "task_info": null})"))).id == std::nullopt);
  // an integral float is an integer
  CHECK(need(seedance::parse_task(std::string_view(R"({"created": 1761313744.0})"))).created == 1761313744);
}

TEST_CASE("responses: the status enum", "[responses]") {
  CHECK(seedance::is_terminal(task_status::completed));
  CHECK(seedance::is_terminal(task_status::failed));
  CHECK(seedance::is_terminal(task_status::cancelled));
  CHECK_FALSE(seedance::is_terminal(task_status::pending));
  CHECK_FALSE(seedance::is_terminal(task_status::processing));
  CHECK_FALSE(seedance::is_terminal(task_status::unknown));
  CHECK(seedance::parse_task_status("PENDING") == task_status::unknown);  // wire strings are exact
  CHECK(seedance::to_string(task_status::cancelled) == "cancelled");
}

TEST_CASE("responses: hostile bodies: wrong types and huge numbers name the field", "[responses][hostile]") {
  CHECK(field_of(R"({"id": 5})") == "/id");
  CHECK(field_of(R"({"status": ["completed"]})") == "/status");
  CHECK(field_of(R"({"created": "yesterday"})") == "/created");
  CHECK(field_of(R"({"created": 1e300})") == "/created");
  CHECK(field_of(R"({"created": 18446744073709551615})") == "/created");
  CHECK(field_of(R"({"created": 9223372036854775808})") == "/created");
  CHECK(field_of(R"({"progress": 1e20})") == "/progress");
  CHECK(field_of(R"({"progress": 101})") == "/progress");
  CHECK(field_of(R"({"progress": -1})") == "/progress");
  CHECK(field_of(R"({"progress": 50.5})") == "/progress");
  CHECK(field_of(R"({"task_info": []})") == "/task_info");
  CHECK(field_of(R"({"task_info": {"can_cancel": "yes"}})") == "/task_info/can_cancel");
  CHECK(field_of(R"({"task_info": {"estimated_time": 1e400}})").empty());  // not even JSON: nlohmann refuses 1e400
  CHECK(field_of(R"({"task_info": {"estimated_time": 99999999999999999999}})") == "/task_info/estimated_time");
  CHECK(field_of(R"({"usage": {"credits_reserved": "50"}})") == "/usage/credits_reserved");
  CHECK(field_of(R"({"usage": {"credits_reserved": 1e300}})") == "/usage/credits_reserved");
  CHECK(field_of(R"({"usage": {"credits_reserved": 1e-30}})") == "/usage/credits_reserved");
  CHECK(field_of(R"({"results": "https://x"})") == "/results");
  CHECK(field_of(R"({"results": ["https://x", 7]})") == "/results/1");
  CHECK(field_of(R"({"results": [{"uri": "https://x"}]})") == "/results/0");
  CHECK(field_of(R"({"error": "boom"})") == "/error");
  CHECK(field_of(R"({"error": {"code": 1.5}})") == "/error/code");
  CHECK(field_of(R"({"error": {"code": "x", "message": 3}})") == "/error/message");
  CHECK(field_of(R"([1, 2])").empty());
  CHECK(field_of("not json").empty());
  CHECK(seedance::parse_task(std::string_view("not json")).message == "the body is not valid JSON");
  // deep nesting in an ignored field: parsed iteratively, ignored
  std::string deep = R"({"status": "pending", "x": )";
  deep += std::string(100000, '[') + std::string(100000, ']') + "}";
  CHECK(need(seedance::parse_task(std::string_view(deep))).status == task_status::pending);
  // the throwing spelling names the field too
  try {
    (void)json::parse(R"({"progress": "half"})").get<seedance::video_task>();
    FAIL("no exception");
  } catch (const seedance::response_error& e) { CHECK(e.field() == "/progress"); }
}

TEST_CASE("responses: a NUL byte in the text is refused, not taken for its end", "[responses][hostile]") {
  const std::string body = R"({"id": "task-unified-1", "status": "completed"})";
  REQUIRE(seedance::parse_task(std::string_view(body)).ok());
  const auto nul = seedance::parse_task(std::string_view(body + std::string(1, '\0') + "{{{"));
  CHECK_FALSE(nul.ok());
  CHECK_THAT(nul.message, Catch::Contains("a NUL byte at byte offset " + std::to_string(body.size())));
  const auto err = seedance::parse_error_body(std::string_view(std::string(R"({"error": {"code": "x"}})") + std::string(1, '\0')));
  CHECK_FALSE(err.ok());
  CHECK_THAT(err.message, Catch::Contains("NUL byte"));
}

TEST_CASE("responses: HTTP error bodies: the provider's six, and integer codes", "[responses][errors]") {
  struct example {
    int status;
    const char* body;
    error_action action;
  };
  const example examples[] = {
      {400, R"({"error": {"code": "invalid_request", "message": "Invalid request parameters", "type": "invalid_request_error"}})",
       error_action::fix_request},
      {401, R"({"error": {"code": "unauthorized", "message": "Invalid or expired token", "type": "authentication_error"}})",
       error_action::fix_account},
      {402,
       R"({"error": {"code": "insufficient_quota", "message": "Insufficient quota. Please top up your account.", "type": "insufficient_quota"}})",
       error_action::fix_account},
      {403,
       R"({"error": {"code": "model_access_denied", "message": "Token does not have access to the specified model", "type": "invalid_request_error"}})",
       error_action::fix_account},
      {429,
       R"({"error": {"code": "rate_limit_exceeded", "message": "Too many requests, please try again later", "type": "rate_limit_error"}})",
       error_action::retry},
      {500, R"({"error": {"code": "internal_error", "message": "Internal server error", "type": "api_error"}})", error_action::retry},
  };
  for (const example& x : examples) {
    const auto r = seedance::parse_error_body(std::string_view(x.body));
    INFO(x.body);
    REQUIRE(r.ok());
    CHECK_FALSE(r.value->code.empty());
    CHECK_FALSE(r.value->message.empty());
    // a read: 429 and 500 are retried (section 7)
    const auto a = seedance::classify_http_error(api_operation::read, x.status, &*r.value);
    CHECK(a.action == x.action);
    CHECK(a.retryable() == (x.status == 429 || x.status == 500));
    CHECK(a.retry_after.has_value() == a.retryable());
    CHECK_FALSE(a.reason.empty());
    // a create: a 500 proves nothing; it may have been charged (section 9)
    const auto c = seedance::classify_http_error(api_operation::create, x.status, &*r.value);
    CHECK(c.action == (x.status == 500 ? error_action::outcome_unknown : x.action));
    CHECK(c.retryable() == (x.status == 429));
  }
  const auto numeric = seedance::parse_error_body(std::string_view(R"({"error": {"code": 429, "message": "slow down"}})"));
  REQUIRE(numeric.ok());
  CHECK(numeric.value->code == "429");
  CHECK(numeric.value->numeric_code == 429);
  // missing `error`, or not an object: a parse error naming it
  const auto missing = seedance::parse_error_body(std::string_view(R"({"message": "oops"})"));
  CHECK_FALSE(missing.ok());
  CHECK(missing.field == "/error");
  CHECK(seedance::parse_error_body(std::string_view(R"({"error": 7})")).field == "/error");
  CHECK(seedance::parse_error_body(std::string_view(R"({"error": {"code": {"a": 1}}})")).field == "/error/code");
  CHECK(seedance::parse_error_body(std::string_view(R"({"error": {"code": 1e99}})")).field == "/error/code");
  CHECK_FALSE(seedance::parse_error_body(std::string_view("<html>502 Bad Gateway</html>")).ok());
}

TEST_CASE("responses: classification beyond the tables, and backoff", "[responses][errors]") {
  using seedance::classify_http_error;
  CHECK(classify_http_error(api_operation::read, 503).action == error_action::retry);  // other 5xx: retry (inference)
  CHECK(classify_http_error(api_operation::read, 404).action == error_action::fix_request);
  CHECK(classify_http_error(api_operation::create, 404).action == error_action::fix_request);
  seedance::api_error e;
  e.code = "rate_limit_exceeded";
  CHECK(classify_http_error(api_operation::read, 0, &e).action == error_action::retry);  // status unknown: by code
  CHECK(classify_http_error(api_operation::create, 0, &e).action == error_action::retry);
  CHECK(classify_http_error(api_operation::read, 200).action == error_action::unknown);
  CHECK(classify_http_error(api_operation::create, 200).action == error_action::outcome_unknown);  // nothing proves no charge
  // Retry-After wins; backoff doubles to a 60 s cap
  CHECK(classify_http_error(api_operation::create, 429, nullptr, 0, 17s).retry_after == 17s);
  CHECK(classify_http_error(api_operation::read, 500, nullptr, 3).retry_after == 8s);
  CHECK(seedance::retry_backoff(0) == 1s);
  CHECK(seedance::retry_backoff(5) == 32s);
  CHECK(seedance::retry_backoff(6) == 60s);
  CHECK(seedance::retry_backoff(4000000000u) == 60s);
  // task errors, every row of docs/spec.md section 7
  const auto task = [](const char* code) {
    seedance::api_error x;
    x.code = code;
    x.type = "task_error";
    return seedance::classify_task_error(x).action;
  };
  for (const char* c : {"content_policy_violation", "invalid_parameters", "image_processing_error", "image_dimension_mismatch"})
    CHECK(task(c) == error_action::fix_request);
  CHECK(task("request_cancelled") == error_action::resubmit);
  for (const char* c : {"generation_failed_no_content", "service_error", "generation_timeout", "resource_exhausted", "quota_exceeded",
                        "service_unavailable"})
    CHECK(task(c) == error_action::retry);
  CHECK(task("resource_not_found") == error_action::check_task_id);
  CHECK(task("unknown_error") == error_action::unknown);
  CHECK(task("something_new") == error_action::unknown);
  seedance::api_error u;
  u.code = "unknown_error";
  CHECK(seedance::classify_task_error(u, 0).retry_after == 1s);  // one retry
  CHECK_FALSE(seedance::classify_task_error(u, 1).retry_after);   // then report
}

TEST_CASE("responses: result URLs expire 24 hours after completion", "[responses]") {
  const std::chrono::sys_seconds done{std::chrono::seconds{1761313744}};
  CHECK(seedance::expires_at(done) == done + std::chrono::seconds{86400});
  CHECK_FALSE(seedance::results_expired(done, done + std::chrono::seconds{86399}));
  CHECK(seedance::results_expired(done, done + std::chrono::seconds{86400}));
  // near the end of the clock's range: saturated at its largest time point, never overflowed
  using seedance::expires_at;
  constexpr auto last = std::chrono::sys_seconds::max();
  static_assert(expires_at(last) == last);  // constexpr: undefined behaviour would not compile
  static_assert(expires_at(last - std::chrono::seconds{1}) == last);
  static_assert(expires_at(last - std::chrono::seconds{86400}) == last);  // exactly fits
  static_assert(expires_at(last - std::chrono::seconds{86401}) == last - std::chrono::seconds{1});
  CHECK(expires_at(std::chrono::sys_seconds::min()) == std::chrono::sys_seconds::min() + std::chrono::seconds{86400});
  CHECK_FALSE(seedance::results_expired(last - std::chrono::seconds{10}, last - std::chrono::seconds{1}));
  CHECK(seedance::results_expired(last - std::chrono::seconds{10}, last));
}

TEST_CASE("responses: a failed task without an error object", "[responses]") {
  // The provider's schema marks no field as required: "failed" may come without `error`.
  const auto t = need(seedance::parse_task(std::string_view(R"({"id": "task-unified-3", "status": "failed", "progress": 40})")));
  CHECK(t.status == task_status::failed);
  CHECK(t.status_text == "failed");
  CHECK(t.is_terminal());  // final: stop polling
  CHECK_FALSE(seedance::next_poll(t, 10s).has_value());
  CHECK_FALSE(t.error.has_value());
  CHECK(t.results.empty());
  // nothing to classify by: an empty error is unclassified, one retry (attempt 0) then none
  const auto advice = seedance::classify_task_error(t.error.value_or(seedance::api_error{}));
  CHECK(advice.action == error_action::unknown);
  CHECK(advice.retry_after == 1s);
  CHECK_FALSE(seedance::classify_task_error(seedance::api_error{}, 1).retry_after.has_value());
  // `"error": null` is the same
  const auto null_error = need(seedance::parse_task(std::string_view(R"({"status": "failed", "error": null})")));
  CHECK(null_error.is_terminal());
  CHECK_FALSE(null_error.error.has_value());
}

TEST_CASE("responses: the polling schedule", "[responses][polling]") {
  // with an estimate of 165 s: half the time left, within [2 s, 30 s]
  CHECK(seedance::next_poll(0s, 165s) == 30s);     // 82 s -> the 30 s cap
  CHECK(seedance::next_poll(120s, 165s) == 22s);   // (165 - 120) / 2
  CHECK(seedance::next_poll(162s, 165s) == 2s);    // 1 s -> the 2 s floor
  CHECK(seedance::next_poll(185s, 165s) == 5s);    // late: a quarter of the overrun
  CHECK(seedance::next_poll(1165s, 165s) == 30s);
  // without an estimate (or a useless one): a quarter of the elapsed time
  CHECK(seedance::next_poll(0s, std::nullopt) == 2s);
  CHECK(seedance::next_poll(40s, std::nullopt) == 10s);
  CHECK(seedance::next_poll(400s, std::nullopt) == 30s);
  CHECK(seedance::next_poll(40s, 0s) == 10s);
  CHECK(seedance::next_poll(40s, -5s) == 10s);
  // hostile values stay in bounds
  CHECK(seedance::next_poll(-100s, std::nullopt) == 2s);
  CHECK(seedance::next_poll(0s, std::chrono::seconds{std::numeric_limits<std::int64_t>::max()}) == 30s);
  CHECK(seedance::next_poll(std::chrono::seconds{std::numeric_limits<std::int64_t>::max()}, 165s) == 30s);
  seedance::poll_policy p;
  p.min_interval = 5s;
  p.max_interval = 10s;
  CHECK(seedance::next_poll(0s, 165s, p) == 10s);
  CHECK(seedance::next_poll(164s, 165s, p) == 5s);
  // from a task: stops once terminal
  const auto t = need(seedance::parse_task(provider_create_response));
  CHECK(seedance::next_poll(t, 120s) == 22s);
  seedance::video_task done = t;
  done.status = task_status::completed;
  CHECK_FALSE(seedance::next_poll(done, 120s).has_value());
}

TEST_CASE("responses: the provider's newer error codes, by operation (December 2026)", "[responses][errors]") {
  // docs/spec.md section 9, written out here by hand: code -> what to do after a create and after a read.
  struct row {
    const char* code;
    error_action create;
    error_action read;
  };
  const row rows[] = {
      // fix the account
      {"insufficient_quota", error_action::fix_account, error_action::fix_account},
      {"insufficient_user_quota", error_action::fix_account, error_action::fix_account},
      {"quota_not_enough", error_action::fix_account, error_action::fix_account},
      {"insufficient_token_quota", error_action::fix_account, error_action::fix_account},
      {"token_daily_quota_exceeded", error_action::fix_account, error_action::fix_account},
      {"key_disabled", error_action::fix_account, error_action::fix_account},
      {"key_expired", error_action::fix_account, error_action::fix_account},
      {"key_model_not_allowed", error_action::fix_account, error_action::fix_account},
      {"user_disabled", error_action::fix_account, error_action::fix_account},
      {"model_access_denied", error_action::fix_account, error_action::fix_account},
      // fix the request
      {"invalid_request", error_action::fix_request, error_action::fix_request},
      {"idempotency_conflict", error_action::fix_request, error_action::fix_request},
      {"content_filter", error_action::fix_request, error_action::fix_request},
      {"sensitive_content", error_action::fix_request, error_action::fix_request},
      {"moderation_blocked", error_action::fix_request, error_action::fix_request},
      {"input_moderation_failed", error_action::fix_request, error_action::fix_request},
      // retry later: these prove that nothing was created
      {"rate_limit_exceeded", error_action::retry, error_action::retry},
      {"no_available_channel", error_action::retry, error_action::retry},
      {"model_unavailable", error_action::retry, error_action::retry},
      {"channel:no_capacity", error_action::retry, error_action::retry},
      {"channel:", error_action::retry, error_action::retry},
      // a server error proves nothing about a create
      {"internal_error", error_action::outcome_unknown, error_action::retry},
      // never resubmit on your own
      {"paid_outcome_unknown", error_action::outcome_unknown, error_action::outcome_unknown},
  };
  // The body's known code decides whatever the status (here: every status the provider uses, and none).
  for (const int status : {0, 400, 402, 409, 429, 500, 502, 503, 504}) {
    for (const row& r : rows) {
      INFO(r.code << " under HTTP " << status);
      seedance::api_error e;
      e.code = r.code;
      const auto c = seedance::classify_http_error(api_operation::create, status, &e);
      const auto g = seedance::classify_http_error(api_operation::read, status, &e);
      CHECK(c.action == r.create);
      CHECK(g.action == r.read);
      CHECK(c.retry_after.has_value() == (r.create == error_action::retry));
      CHECK(g.retry_after.has_value() == (r.read == error_action::retry));
      CHECK_FALSE(c.reason.empty());
    }
  }
  // Moderation says that the same request fails again; outcome_unknown names the idempotency key.
  seedance::api_error m;
  m.code = "moderation_blocked";
  CHECK_THAT(std::string(seedance::classify_http_error(api_operation::create, 400, &m).reason), Catch::Contains("fails again"));
  m.code = "paid_outcome_unknown";
  const auto unknown = seedance::classify_http_error(api_operation::create, 500, &m, 0, 30s);
  CHECK_THAT(std::string(unknown.reason), Catch::Contains("same Idempotency-Key"));
  CHECK_FALSE(unknown.retryable());
  CHECK_FALSE(unknown.retry_after.has_value());  // even with a Retry-After: never a timed retry
  // Near misses of the prefix are not availability codes.
  m.code = "channel";
  CHECK(seedance::classify_http_error(api_operation::create, 400, &m).action == error_action::fix_request);
  m.code = "xchannel:busy";
  CHECK(seedance::classify_http_error(api_operation::create, 502, &m).action == error_action::outcome_unknown);
}

TEST_CASE("responses: a create is retried only when the answer proves nothing was created", "[responses][errors]") {
  using seedance::classify_http_error;
  // status only (no body, or a body with an unknown code)
  seedance::api_error odd;
  odd.code = "something_new";
  const seedance::api_error* const bodies[] = {nullptr, &odd};
  for (const seedance::api_error* body : bodies) {
    for (const int s : {500, 502, 504}) {
      INFO(s);
      CHECK(classify_http_error(api_operation::create, s, body).action == error_action::outcome_unknown);
      CHECK(classify_http_error(api_operation::create, s, body, 0, 5s).action == error_action::outcome_unknown);
      CHECK(classify_http_error(api_operation::read, s, body).action == error_action::retry);
    }
    CHECK(classify_http_error(api_operation::create, 503, body).action == error_action::outcome_unknown);
    const auto later = classify_http_error(api_operation::create, 503, body, 0, 42s);  // 503 + Retry-After
    CHECK(later.action == error_action::retry);
    CHECK(later.retry_after == 42s);
    CHECK(classify_http_error(api_operation::create, 503, body, 0, 0s).action == error_action::outcome_unknown);  // 0 says nothing
    CHECK(classify_http_error(api_operation::create, 429, body).action == error_action::retry);
    CHECK(classify_http_error(api_operation::read, 429, body).action == error_action::retry);
    CHECK(classify_http_error(api_operation::create, 413, body).action == error_action::fix_request);
    CHECK(classify_http_error(api_operation::create, 408, body).action == error_action::retry);  // never arrived whole
    CHECK(classify_http_error(api_operation::create, 409, body).action == error_action::fix_request);
    CHECK(classify_http_error(api_operation::read, 0, body).action == error_action::unknown);
    CHECK(classify_http_error(api_operation::create, 0, body).action == error_action::outcome_unknown);
  }
  CHECK_THAT(std::string(classify_http_error(api_operation::create, 413).reason), Catch::Contains("413"));
  // The unknown action's single retry is for reads only.
  CHECK(classify_http_error(api_operation::read, 0, nullptr, 0).retry_after == 1s);
  CHECK_FALSE(classify_http_error(api_operation::read, 0, nullptr, 1).retry_after.has_value());
  // A known code decides before the status: a 400 that says rate_limit_exceeded is a rate limit.
  seedance::api_error rl;
  rl.code = "rate_limit_exceeded";
  CHECK(classify_http_error(api_operation::create, 400, &rl).action == error_action::retry);
  // The pre-December form gives the create's advice, the safe side.
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
  CHECK(seedance::classify_http_error(500).action == error_action::outcome_unknown);
  CHECK(seedance::classify_http_error(429).action == error_action::retry);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
}

TEST_CASE("responses: transport failures and Retry-After", "[responses][errors]") {
  const auto lost_create = seedance::classify_transport_failure(api_operation::create, true);
  CHECK(lost_create.action == error_action::outcome_unknown);
  CHECK_FALSE(lost_create.retry_after.has_value());
  CHECK_THAT(std::string(lost_create.reason), Catch::Contains("never arrived"));
  CHECK(seedance::classify_transport_failure(api_operation::create, false).action == error_action::retry);  // never sent
  CHECK(seedance::classify_transport_failure(api_operation::read, true, 2).retry_after == 4s);
  CHECK(seedance::parse_retry_after("120") == 120s);
  CHECK(seedance::parse_retry_after(" 7\t") == 7s);
  CHECK(seedance::parse_retry_after("0") == 0s);
  CHECK(seedance::parse_retry_after("99999999999999999999999") == 86400s);  // capped, no overflow
  CHECK_FALSE(seedance::parse_retry_after("").has_value());
  CHECK_FALSE(seedance::parse_retry_after("-1").has_value());
  CHECK_FALSE(seedance::parse_retry_after("1.5").has_value());
  CHECK_FALSE(seedance::parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT").has_value());
  static_assert(seedance::parse_retry_after("3") == 3s);
}

TEST_CASE("responses: the newer optional fields of errors and finished tasks", "[responses]") {
  const auto e = seedance::parse_error_body(std::string_view(R"({"error": {"code": "insufficient_quota", "message": "top up",
      "type": "insufficient_quota", "request_id": "req-81f", "suggestion": "Top up 50 credits", "action_url": "https://example.com/billing",
      "limit_scope": "user", "estimated_credits": 164.43, "account_balance_credits": 12, "future_field": [1, 2]}})"));
  REQUIRE(e.ok());
  CHECK(e.value->request_id == "req-81f");
  CHECK(e.value->suggestion == "Top up 50 credits");
  CHECK(e.value->action_url == "https://example.com/billing");
  CHECK(e.value->limit_scope == "user");
  CHECK(e.value->estimated_credits == seedance::decimal::parse("164.43"));
  CHECK(e.value->account_balance_credits == seedance::decimal(12));
  // absent: empty; wrong types name the field
  const auto bare = seedance::parse_error_body(std::string_view(R"({"error": {"code": "x"}})"));
  REQUIRE(bare.ok());
  CHECK_FALSE(bare.value->request_id.has_value());
  CHECK_FALSE(bare.value->estimated_credits.has_value());
  // a wrong type in an informational field is left out: it never loses the code (and the advice)
  const auto odd = seedance::parse_error_body(std::string_view(
      R"({"error": {"code": "paid_outcome_unknown", "message": "m", "request_id": 12345, "estimated_credits": "lots", "limit_scope": {"a": 1}}})"));
  REQUIRE(odd.ok());
  CHECK(odd.value->code == "paid_outcome_unknown");
  CHECK_FALSE(odd.value->request_id.has_value());
  CHECK_FALSE(odd.value->estimated_credits.has_value());
  CHECK_FALSE(odd.value->limit_scope.has_value());
  CHECK(odd.field.empty());
  CHECK(seedance::classify_http_error(api_operation::create, 503, &*odd.value, 0, 30s).action == error_action::outcome_unknown);

  const auto t = need(seedance::parse_task(std::string_view(R"({"id": "task-unified-9", "status": "completed", "duration": 8,
      "usage": {"billing_rule": "per_second", "credits_reserved": 164.43, "credits_used": 150.5, "cost": {"credits": 150.5, "usd": 2.21}},
      "results": ["https://example.com/v.mp4"]})")));
  REQUIRE(t.usage.has_value());
  CHECK(t.usage->credits_used == seedance::decimal::parse("150.5"));
  REQUIRE(t.usage->cost.has_value());
  CHECK(t.usage->cost->credits == seedance::decimal::parse("150.5"));
  CHECK(t.usage->cost->usd == seedance::decimal::parse("2.21"));
  CHECK(t.duration == seedance::decimal(8));
  const auto failed = need(seedance::parse_task(std::string_view(
      R"({"status": "failed", "error": {"code": "content_policy_violation", "message": "no", "type": "task_error", "suggestion": "Rephrase the prompt"}})")));
  REQUIRE(failed.error.has_value());
  CHECK(failed.error->suggestion == "Rephrase the prompt");
  // likewise for a task: the status survives a newer field of another type
  const auto lenient = need(seedance::parse_task(std::string_view(
      R"({"status": "completed", "duration": "8s", "usage": {"credits_reserved": 1, "credits_used": [1], "cost": {"usd": "2", "credits": 3}}})")));
  CHECK(lenient.status == task_status::completed);
  CHECK_FALSE(lenient.duration.has_value());
  CHECK_FALSE(lenient.usage->credits_used.has_value());
  CHECK_FALSE(lenient.usage->cost->usd.has_value());
  CHECK(lenient.usage->cost->credits == seedance::decimal(3));
  CHECK_FALSE(need(seedance::parse_task(std::string_view(R"({"usage": {"cost": 3}})"))).usage->cost.has_value());
  // the fields the provider's page defines stay strict
  CHECK(seedance::parse_task(std::string_view(R"({"usage": {"credits_reserved": "x"}})")).field == "/usage/credits_reserved");
}

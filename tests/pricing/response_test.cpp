// seedance/response.hpp: the provider's example bodies, hostile bodies, classification, expiry, polling.
#include <seedance/response.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <string_view>

using nlohmann::json;
using namespace std::chrono_literals;
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
  } catch (const seedance::response_error& e) {
    CHECK(e.field() == "/progress");
  }
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
      {400, R"({"error": {"code": "invalid_request", "message": "Invalid request parameters", "type": "invalid_request_error"}})", error_action::fix_request},
      {401, R"({"error": {"code": "unauthorized", "message": "Invalid or expired token", "type": "authentication_error"}})", error_action::fix_account},
      {402, R"({"error": {"code": "insufficient_quota", "message": "Insufficient quota. Please top up your account.", "type": "insufficient_quota"}})",
       error_action::fix_account},
      {403, R"({"error": {"code": "model_access_denied", "message": "Token does not have access to the specified model", "type": "invalid_request_error"}})",
       error_action::fix_account},
      {429, R"({"error": {"code": "rate_limit_exceeded", "message": "Too many requests, please try again later", "type": "rate_limit_error"}})",
       error_action::retry},
      {500, R"({"error": {"code": "internal_error", "message": "Internal server error", "type": "api_error"}})", error_action::retry},
  };
  for (const example& x : examples) {
    const auto r = seedance::parse_error_body(std::string_view(x.body));
    INFO(x.body);
    REQUIRE(r.ok());
    CHECK_FALSE(r.value->code.empty());
    CHECK_FALSE(r.value->message.empty());
    const auto a = seedance::classify_http_error(x.status, &*r.value);
    CHECK(a.action == x.action);
    CHECK(a.retryable() == (x.status == 429 || x.status == 500));
    CHECK(a.retry_after.has_value() == a.retryable());
    CHECK_FALSE(a.reason.empty());
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
  CHECK(seedance::classify_http_error(503).action == error_action::retry);     // other 5xx: retry (inference)
  CHECK(seedance::classify_http_error(404).action == error_action::fix_request);
  seedance::api_error e;
  e.code = "rate_limit_exceeded";
  CHECK(seedance::classify_http_error(0, &e).action == error_action::retry);  // status unknown: by code
  CHECK(seedance::classify_http_error(200).action == error_action::unknown);
  // Retry-After wins; backoff doubles to a 60 s cap
  CHECK(seedance::classify_http_error(429, nullptr, 0, 17s).retry_after == 17s);
  CHECK(seedance::classify_http_error(500, nullptr, 3).retry_after == 8s);
  CHECK(seedance::retry_backoff(0) == 1s);
  CHECK(seedance::retry_backoff(5) == 32s);
  CHECK(seedance::retry_backoff(6) == 60s);
  CHECK(seedance::retry_backoff(4000000000u) == 60s);
  // task errors, every row of rules.md section 7
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

// Allocation failures at every point of the pricing, estimate and response calls that promise never
// to throw (tests/support/failing_allocator.cpp makes the n-th allocation from a point on fail):
// each call returns a value or a reason, never an exception and never an empty error.
//
// One limit, nlohmann's: destroying a parsed array or object allocates (its iterative teardown), in
// a noexcept destructor, so a failure there ends the program whatever the caller does. The failure
// points below stop before a call's own parsed JSON is torn down: they cover parsing, reading,
// loading and pricing. (A failure while an earlier failure unwinds cannot happen here: one
// allocation fails, the next ones succeed.)
#include <seedance/estimate.hpp>
#include <seedance/pricing.hpp>
#include <seedance/pricing_data.hpp>
#include <seedance/response.hpp>

#include "support/failing_allocator.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

namespace {

const nlohmann::json& r2v_body() {
  static const nlohmann::json j = {{"model", "seedance-2.0-reference-to-video"},
                                   {"prompt", "@video1 as the camera move, a long enough prompt to need the heap"},
                                   {"video_urls", {"https://example.com/ref.mp4", "https://example.com/other-reference.mp4"}},
                                   {"image_urls", {"https://example.com/ref.jpg"}},
                                   {"duration", 10},
                                   {"content_filter", false},
                                   {"quality", "720p"}};
  return j;
}

// Calls `call` with its (n+1)-th allocation failing, for every n in [first, last): each result is a
// value or has a reason. Then once undisturbed: a value. Returns how many failures were tried.
template <class Call, class Ok, class Reason>
long failure_points(Call call, Ok ok, Reason reason, long first, long last) {
  long tried = 0;
  for (long n = first; n < last; ++n) {
    seedance_test::fail_one_allocation(n);
    auto r = call();  // moved out: no allocation
    seedance_test::stop_failing();
    INFO("allocation " << n << " of " << first << ".." << last);
    CHECK(seedance_test::allocation_failed());  // the point was reached
    if (!ok(r)) CHECK_FALSE(reason(r).empty());
    ++tried;
  }
  const auto r = call();
  CHECK(ok(r));
  return tried;
}

// Allocations made by `f` (which keeps what it parses alive until it has counted).
template <class F>
long allocations_of(F f) {
  const long before = seedance_test::allocations();
  return f(before);
}

}  // namespace

TEST_CASE("allocation failures: the default table's first load reports out of memory, and the next call loads it", "[pricing][oom]") {
  seedance::estimate_options nv;
  nv.validate = false;
  (void)r2v_body();  // built before allocations fail
  // Failure points within the feed's parse (about 1,800 allocations before the loader starts).
  for (long n : {0L, 1L, 10L, 100L, 1000L}) {
    seedance_test::fail_one_allocation(n);
    auto r = seedance::estimate_cost(r2v_body(), seedance::media_map{}, nv);
    seedance_test::stop_failing();
    CHECK_FALSE(r.ok());
    CHECK(r.error == "out of memory");
  }
  // not kept as an empty table: loaded now
  const auto r = seedance::estimate_cost(r2v_body(), seedance::media_map{}, nv);
  INFO(r.error);
  CHECK(r.ok());
  CHECK(seedance::default_pricing().models().size() == 9);
}

TEST_CASE("allocation failures: estimates, loads and parses give a value or a reason at every failure point", "[pricing][oom]") {
  const seedance::pricing_table& table = seedance::default_pricing();  // loaded before the failures
  (void)r2v_body();
  seedance::media_map media;
  seedance::video_properties v;
  v.duration = 5.0;
  media.emplace("https://example.com/ref.mp4", v);
  seedance::estimate_options nv;
  nv.validate = false;
  const auto estimate_ok = [](const seedance::estimate_result& r) { return r.ok(); };
  const auto estimate_reason = [](const seedance::estimate_result& r) { return r.error; };

  // Pricing a parsed body (no JSON is torn down): every allocation.
  const long pricing = allocations_of([&](long before) {
    const auto e = seedance::estimate_cost(r2v_body(), table, media, nv);
    return seedance_test::allocations() - before;
  });
  CHECK(failure_points([&] { return seedance::estimate_cost(r2v_body(), table, media, nv); }, estimate_ok, estimate_reason, 0, pricing) >=
        5);
  CHECK(failure_points([&] { return seedance::estimate_cost(r2v_body(), media, nv); }, estimate_ok, estimate_reason, 0, pricing) >= 5);
  seedance::request_body b;
  b.model = "seedance-2.0-text-to-video";
  b.prompt = "x";
  const long typed = allocations_of([&](long before) {
    const auto e = seedance::estimate_cost(b, table, media, nv);
    return seedance_test::allocations() - before;
  });
  CHECK(failure_points([&] { return seedance::estimate_cost(b, media, nv); }, estimate_ok, estimate_reason, 0, typed) >= 3);

  // JSON text: the streaming validator, which keeps the few fields the estimate reads
  // (validate_request), and the pricing: every allocation.
  const std::string text = r2v_body().dump();
  const long from_text = allocations_of([&](long before) {
    const auto e = seedance::estimate_cost_text(text, table);
    return seedance_test::allocations() - before;
  });
  CHECK(failure_points([&] { return seedance::estimate_cost_text(text, table); }, estimate_ok, estimate_reason, 0, from_text) >= 10);

  // A feed's text: its parse and the loader.
  const auto load_ok = [](const seedance::pricing_load_result& r) { return r.ok(); };
  const auto load_reason = [](const seedance::pricing_load_result& r) { return r.error; };
  const std::string feed =
      R"([{"model_id": "seedance-2.0-mini-text-to-video", "parameters": [{"name": "duration_seconds", "type": "integer",
      "default": "5"}], "components": [{"id": "video_output_with_a_long_name", "rate": {"uc": "27000"}, "rounding": {"mode": "half_up"},
      "quantity_rule": {"op": "multiply", "args": [{"op": "variable", "name": "duration_seconds"}, {"op": "constant", "value": "0.465"}]}}]}])";
  const long loading = allocations_of([&](long before) {
    const nlohmann::json j = nlohmann::json::parse(feed.begin(), feed.end(), nullptr, false);
    const auto r = seedance::pricing_table::from_json(j);
    return seedance_test::allocations() - before;
  });
  CHECK(failure_points([&] { return seedance::pricing_table::parse(feed); }, load_ok, load_reason, 0, loading) >= 10);

  // Response bodies: their parse and the reading.
  const auto parse_ok = [](const auto& r) { return r.ok(); };
  const auto parse_reason = [](const auto& r) { return r.message; };
  const std::string_view task = R"({"created": 1761313744, "id": "task-unified-1774857405-abc123", "model": "seedance-2.0-text-to-video",
    "status": "failed", "results": ["https://cdn.example.com/a-long-enough-url.mp4"],
    "error": {"code": "generation_timeout", "message": "the generation timed out", "type": "task_error"}})";
  const long reading = allocations_of([&](long before) {
    const nlohmann::json j = nlohmann::json::parse(task.begin(), task.end(), nullptr, false);
    const auto r = seedance::parse_task(j);
    return seedance_test::allocations() - before;
  });
  CHECK(failure_points([&] { return seedance::parse_task(task); }, parse_ok, parse_reason, 0, reading) >= 10);
  const std::string_view error_body =
      R"({"error": {"code": "rate_limit_exceeded", "message": "Too many requests, please try again later"}})";
  const long reading_error = allocations_of([&](long before) {
    const nlohmann::json j = nlohmann::json::parse(error_body.begin(), error_body.end(), nullptr, false);
    const auto r = seedance::parse_error_body(j);
    return seedance_test::allocations() - before;
  });
  CHECK(failure_points([&] { return seedance::parse_error_body(error_body); }, parse_ok, parse_reason, 0, reading_error) >= 5);
}

TEST_CASE("allocation failures: tiers, and a range whose bounds are proven across tier boundaries", "[pricing][oom]") {
  // Tiers chosen by the reference-video seconds, the dearest in the middle: the range of an unknown
  // video is cut at 6 s and 10 s (detail/pricing/range.hpp), each point priced.
  const auto loaded = seedance::pricing_table::parse(R"([{"model_id": "seedance-2.0-reference-to-video",
      "parameters": [{"name": "duration_seconds", "type": "integer", "default": "5"}, {"name": "input_seconds", "type": "decimal", "default": "0"}],
      "components": [{"id": "video_output_with_a_long_name", "rate": {"uc": "1"}, "rounding": {"point": "per_tier", "mode": "floor"},
        "quantity_rule": {"op": "variable", "name": "duration_seconds"},
        "tiers": [
          {"when": {"op": "lt", "args": [{"op": "variable", "name": "input_seconds"}, {"op": "constant", "value": "6"}]}, "sku_id": "short-tier-sku", "rate": {"uc": "100"}},
          {"when": {"op": "and", "args": [{"op": "gte", "args": [{"op": "variable", "name": "input_seconds"}, {"op": "constant", "value": "6"}]},
                                           {"op": "lt", "args": [{"op": "variable", "name": "input_seconds"}, {"op": "constant", "value": "10"}]}]},
           "sku_id": "middle-tier-sku", "rate": {"uc": "300"}},
          {"when": {"op": "gte", "args": [{"op": "variable", "name": "input_seconds"}, {"op": "constant", "value": "10"}]}, "sku_id": "long-tier-sku", "rate": {"uc": "200"}}]}]}])");
  REQUIRE(loaded.ok());
  const seedance::pricing_table& table = *loaded.table;
  const nlohmann::json body = {{"model", "seedance-2.0-reference-to-video"},
                               {"prompt", "x"},
                               {"duration", 5},
                               {"video_urls", {"https://example.com/unknown-length.mp4"}}};
  seedance::estimate_options nv;
  nv.validate = false;
  const auto estimate_ok = [](const seedance::estimate_result& r) { return r.ok(); };
  const auto estimate_reason = [](const seedance::estimate_result& r) { return r.error; };
  const auto whole = seedance::estimate_cost(body, table, seedance::media_map{}, nv);
  REQUIRE(whole.ok());
  CHECK(whole.estimate->max.uc == seedance::decimal(1500));  // 5 x 300, inside the range
  const long pricing = allocations_of([&](long before) {
    const auto e = seedance::estimate_cost(body, table, seedance::media_map{}, nv);
    return seedance_test::allocations() - before;
  });
  CHECK(failure_points([&] { return seedance::estimate_cost(body, table, seedance::media_map{}, nv); }, estimate_ok, estimate_reason, 0,
                       pricing) >= 5);
}

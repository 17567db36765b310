// Hostile inputs by mutation: the shipped feed and the provider's create response, each mutated
// thousands of times (a fixed seed: the same cases on every run). Loading, pricing, estimating and
// parsing must report, never throw or crash (the suite also runs under ASan and UBSan), and a
// failure must say why.
#include <seedance/estimate.hpp>
#include <seedance/pricing.hpp>
#include <seedance/pricing_data.hpp>
#include <seedance/response.hpp>

#include <catch2/catch.hpp>

#include "tiered_feed.hpp"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

using nlohmann::json;

namespace {

void collect(json& j, std::vector<json*>& out) {
  out.push_back(&j);
  if (j.is_structured())
    for (auto& child : j) collect(child, out);
}

// Replaces, or removes, one randomly chosen value of `doc`.
void mutate(json& doc, std::mt19937& rng) {
  std::vector<json*> nodes;
  collect(doc, nodes);
  json& target = *nodes[rng() % nodes.size()];
  static const std::vector<json> replacements = {
      nullptr,
      0,
      -1,
      1.5,
      true,
      "x",
      "",
      "-5",
      "0",
      "1e5",
      "9223372036854775807",
      "0.0000000000000000001",
      json::array(),
      json::object(),
      18446744073709551615ULL,
      std::string(300, 'a'),
      json{{"op", "pow"}, {"args", json::array()}},
      json{{"op", "divide"}, {"args", {{{"op", "constant"}, {"value", "1"}}, {{"op", "constant"}, {"value", "0"}}}}},
      json{{"op", "multiply"}, {"args", {{{"op", "constant"}, {"value", "9223372036854775807"}}, {{"op", "constant"}, {"value", "10"}}}}},
      json{{"op", "variable"}, {"name", "quality"}},
      json{{"op", "eq"}, {"args", {{{"op", "variable"}, {"name", "quality"}}, {{"op", "constant"}, {"value", "720p"}}}}},
      json{{"op", "lookup"}, {"key", {{"op", "variable"}, {"name", "duration_seconds"}}}, {"values", {{"15", "2"}, {"5", "1"}}}},
      json{{"op", "if"},
           {"args", {{{"op", "constant"}, {"value", "1"}}, {{"op", "constant"}, {"value", "1"}}, {{"op", "constant"}, {"value", "1"}}}}},
      // the operators and fields of the whole language
      json{{"op", "not"},
           {"args", {{{"op", "gt"}, {"args", {{{"op", "variable"}, {"name", "input_seconds"}}, {{"op", "constant"}, {"value", "5"}}}}}}}},
      json{{"op", "or"},
           {"args",
            {{{"op", "neq"}, {"args", {{{"op", "variable"}, {"name", "quality"}}, {{"op", "constant"}, {"value", "4k"}}}}},
             {{"op", "lte"}, {"args", {{{"op", "variable"}, {"name", "duration_seconds"}}, {{"op", "constant"}, {"value", "8"}}}}}}}},
      json{{"op", "floor"},
           {"args",
            {{{"op", "subtract"}, {"args", {{{"op", "variable"}, {"name", "input_seconds"}}, {{"op", "constant"}, {"value", "0.5"}}}}}}}},
      json{{"op", "and"},
           {"args", {{{"op", "lt"}, {"args", {{{"op", "constant"}, {"value", "1"}}, {{"op", "constant"}, {"value", "2"}}}}}}}},
      "per_quantity",
      "per_tier",
      "floor",
      "unavailable",
      "0.5",
      json::array(
          {{{"when", {{"op", "gte"}, {"args", {{{"op", "variable"}, {"name", "duration_seconds"}}, {{"op", "constant"}, {"value", "4"}}}}}},
            {"sku_id", "any"},
            {"rate", {{"uc", "3.5"}}},
            {"multiplier", "0.7"}}}),
  };
  const unsigned kind = rng() % 4;
  if (kind == 0 && target.is_object() && !target.empty()) {  // drop a key
    auto it = target.begin();
    std::advance(it, static_cast<long>(rng() % target.size()));
    target.erase(it);
  } else if (kind == 1 && target.is_array() && !target.empty()) {  // drop an element
    target.erase(target.begin() + static_cast<long>(rng() % target.size()));
  } else {
    target = replacements[rng() % replacements.size()];
  }
}

}  // namespace

TEST_CASE("mutation: mutated feeds load or fail with a reason, and what loads prices or fails with a reason", "[pricing][hostile]") {
  const json shipped = json::parse(seedance::default_pricing_feed);
  const json tiered = seedance_test::tiered_feed();  // the same rows as per-quality tiers (and, not, eq)
  REQUIRE_FALSE(tiered.is_null());
  std::mt19937 rng(20261125);
  int loaded = 0, refused = 0, priced = 0, price_errors = 0;
  for (int i = 0; i < 2500; ++i) {
    // 1,500 mutations of the shipped feed (as before), then 1,000 of its tiered form
    const json& original = i < 1500 ? shipped : tiered;
    json feed = original;
    for (unsigned k = 0, n = 1 + rng() % 3; k < n; ++k) mutate(feed, rng);
    const auto r = seedance::pricing_table::from_json(feed);
    if (!r.ok()) {
      CHECK_FALSE(r.error.empty());
      ++refused;
      continue;
    }
    ++loaded;
    const seedance::pricing_table copy = *r.table;
    for (const seedance::pricing_model& m : r.table->models()) {
      for (const char* quality : {"480p", "720p", "4k"}) {
        const std::vector<seedance::pricing_variable> vars{
            {"duration_seconds", seedance::pricing_value::of(seedance::decimal(15))},
            {"quality", seedance::pricing_value::of_text(quality)},
            {"input_seconds", seedance::pricing_value::of(*seedance::decimal::parse("12.34"))},
            {"search_count", seedance::pricing_value::of(seedance::decimal(3))}};
        const auto p = r.table->price(m, vars);
        // A copy prices the row by name, through the general evaluator only (the table's own row
        // takes the fast path first): the same answer, value for value and message for message.
        const auto slow = copy.price(m, vars);
        CHECK(p.error == slow.error);
        CHECK(p.total_uc == slow.total_uc);
        CHECK(p.components.size() == slow.components.size());
        if (p.ok()) {
          ++priced;
          CHECK(p.total_uc >= 0);
        } else {
          ++price_errors;
        }
      }
      // and through the estimator, on a request for this model
      json body = {
          {"model", m.model_id}, {"prompt", "x"}, {"video_urls", {"https://example.com/a.mp4"}}, {"model_params", {{"web_search", true}}}};
      seedance::estimate_options o;
      o.validate = false;
      const auto e = seedance::estimate_cost(body, *r.table, seedance::media_map{}, o);
      CHECK(e.ok() != !e.error.empty());
      if (e.ok()) CHECK(e.estimate->min.uc <= e.estimate->max.uc);
    }
  }
  // the mutations reach both outcomes, so both paths were exercised
  CHECK(loaded > 100);
  CHECK(refused > 100);
  CHECK(priced > 100);
  CHECK(price_errors > 10);
}

TEST_CASE("mutation: mutated task bodies parse or name the field at fault", "[responses][hostile]") {
  const json original = json::parse(R"({"created": 1761313744, "id": "task-unified-1774857405-abc123",
    "model": "seedance-2.0-text-to-video", "object": "video.generation.task", "progress": 40, "status": "processing",
    "task_info": {"can_cancel": true, "estimated_time": 165, "video_duration": 8}, "type": "video",
    "usage": {"billing_rule": "per_second", "credits_reserved": 50, "user_group": "default"},
    "results": ["https://cdn.example.com/v.mp4"],
    "error": {"code": "service_error", "message": "m", "type": "task_error"}})");
  std::mt19937 rng(7);
  int ok = 0, refused = 0;
  for (int i = 0; i < 3000; ++i) {
    json body = original;
    for (unsigned k = 0, n = 1 + rng() % 2; k < n; ++k) mutate(body, rng);
    const auto r = seedance::parse_task(body);
    if (r.ok()) {
      ++ok;
      if (r.value->progress) CHECK((*r.value->progress >= 0 && *r.value->progress <= 100));
      (void)seedance::next_poll(*r.value, std::chrono::seconds{i});
    } else {
      ++refused;
      CHECK_FALSE(r.message.empty());
      if (body.is_object()) CHECK(r.field.rfind('/', 0) == 0);  // a JSON pointer into the body
    }
    const auto e = seedance::parse_error_body(json{{"error", body.is_object() && body.contains("error") ? body["error"] : body}});
    if (!e.ok()) CHECK_FALSE(e.message.empty());
  }
  CHECK(ok > 100);
  CHECK(refused > 100);
}

// Cost estimation (issue 5) on the default pricing table, for the provider's four example requests
// (examples/requests/*.json), plus the table load and response parsing:
//
//   estimate/<request>            seedance::estimate_cost(json): validation + pricing (the contract)
//   estimate_unvalidated/<req>    the same with estimate_options::validate = false: pricing alone
//   estimate_known_media/...      reference-to-video with its video's duration known (one price)
//   validate/<request>            seedance::validate(json) alone, for comparison
//   table/parse_text              pricing_table::parse(default_pricing_feed): JSON text -> table
//   table/from_json               pricing_table::from_json(parsed feed): the loader alone
//   response/parse_task           seedance::parse_task(text) on the provider's create response
//   tiered/<request>              estimate_cost(json) on the shipped rows rewritten into per-quality
//                                 tiers (tests/pricing/tiered_feed.hpp): the same prices; compare with
//                                 estimate/<request> (the issue's bound: at most 1.2 times)
//   tiered_unvalidated/<request>  the same, pricing alone (compare with estimate_unvalidated/)
//   price/own_row, price/copy     pricing_table::price on a row of the table (fast path first) and on
//                                 a copy's row (general evaluator only): what the fast path saves
//
// Every benchmark reports `allocs` (heap allocations per call, counted by support/allocations.cpp)
// and `ok`. Build by hand (from the repository root):
//   g++ -O2 -std=c++20 -Iinclude benchmarks/estimate_bench.cpp benchmarks/support/allocations.cpp -lbenchmark -lpthread
#include <seedance/estimate.hpp>
#include <seedance/pricing_data.hpp>
#include <seedance/response.hpp>

#include "../tests/pricing/tiered_feed.hpp"
#include "support/run.hpp"

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

namespace {

using seedance_bench::example_request;
using seedance_bench::run;

struct input {
  std::string name;
  nlohmann::json parsed;
};

const std::vector<input>& inputs() {
  static const std::vector<input> all = [] {
    std::vector<input> v;
    for (const char* name : {"text-to-video", "image-to-video", "reference-to-video", "fast-text-to-video"})
      v.push_back({name, nlohmann::json::parse(example_request(name))});
    return v;
  }();
  return all;
}

void estimate(benchmark::State& state, const input* in) {
  const seedance::pricing_table& table = seedance::default_pricing();  // loaded before timing
  run(state, [&] { return seedance::estimate_cost(in->parsed, table).ok(); });
}

void estimate_unvalidated(benchmark::State& state, const input* in) {
  const seedance::pricing_table& table = seedance::default_pricing();
  seedance::estimate_options o;
  o.validate = false;
  run(state, [&] { return seedance::estimate_cost(in->parsed, table, {}, o).ok(); });
}

void estimate_known_media(benchmark::State& state, bool validated) {
  const seedance::pricing_table& table = seedance::default_pricing();
  const input& in = inputs()[2];
  seedance::media_map media;
  seedance::video_properties v;
  v.duration = 5.0;
  media.emplace(in.parsed["video_urls"][0].get<std::string>(), v);
  seedance::estimate_options o;
  o.validate = validated;
  run(state, [&] { return seedance::estimate_cost(in.parsed, table, media, o).ok(); });
}

const seedance::pricing_table& tiered_table() {
  static const seedance::pricing_table t = *seedance::pricing_table::from_json(seedance_test::tiered_feed()).table;
  return t;
}

void estimate_tiered(benchmark::State& state, const input* in) {
  const seedance::pricing_table& table = tiered_table();
  run(state, [&] { return seedance::estimate_cost(in->parsed, table).ok(); });
}

void estimate_tiered_unvalidated(benchmark::State& state, const input* in) {
  const seedance::pricing_table& table = tiered_table();
  seedance::estimate_options o;
  o.validate = false;
  run(state, [&] { return seedance::estimate_cost(in->parsed, table, {}, o).ok(); });
}

// The reference-to-video row at 1080p, 10 s, 7.35 s of reference video.
void price_row(benchmark::State& state, bool copy) {
  static const seedance::pricing_table other = seedance::default_pricing();
  const seedance::pricing_table& t = copy ? other : seedance::default_pricing();
  // the table's own row; a copy's price() of that row does not find it among its own rows, and
  // prices it by name on the general evaluator
  const seedance::pricing_model& m = *seedance::default_pricing().find("seedance-2.0-reference-to-video");
  const std::vector<seedance::pricing_variable> vars{{"duration_seconds", seedance::pricing_value::of(seedance::decimal(10))},
                                                     {"quality", seedance::pricing_value::of_text("1080p")},
                                                     {"input_seconds", seedance::pricing_value::of(*seedance::decimal::parse("7.35"))}};
  run(state, [&] { return t.price(m, vars).ok(); });
}

void validate_only(benchmark::State& state, const input* in) {
  run(state, [&] { return seedance::validate(in->parsed).ok(); });
}

void table_parse_text(benchmark::State& state) {
  run(state, [] { return seedance::pricing_table::parse(seedance::default_pricing_feed).ok(); });
}

void table_from_json(benchmark::State& state) {
  const nlohmann::json feed = nlohmann::json::parse(seedance::default_pricing_feed);
  run(state, [&] { return seedance::pricing_table::from_json(feed).ok(); });
}

void response_parse(benchmark::State& state) {
  const std::string body = R"({"created": 1761313744, "id": "task-unified-1774857405-abc123", "model": "seedance-2.0-text-to-video",
    "object": "video.generation.task", "progress": 0, "status": "pending",
    "task_info": {"can_cancel": true, "estimated_time": 165, "video_duration": 8}, "type": "video",
    "usage": {"billing_rule": "per_second", "credits_reserved": 50, "user_group": "default"}})";
  run(state, [&] { return seedance::parse_task(std::string_view(body)).ok(); });
}

const bool registered = [] {
  for (const input& in : inputs()) {
    benchmark::RegisterBenchmark(("estimate/" + in.name).c_str(), estimate, &in);
    benchmark::RegisterBenchmark(("estimate_unvalidated/" + in.name).c_str(), estimate_unvalidated, &in);
  }
  benchmark::RegisterBenchmark("estimate_known_media/reference-to-video", estimate_known_media, true);
  benchmark::RegisterBenchmark("estimate_known_media_unvalidated/reference-to-video", estimate_known_media, false);
  for (const input& in : inputs()) {
    benchmark::RegisterBenchmark(("tiered/" + in.name).c_str(), estimate_tiered, &in);
    benchmark::RegisterBenchmark(("tiered_unvalidated/" + in.name).c_str(), estimate_tiered_unvalidated, &in);
  }
  benchmark::RegisterBenchmark("price/own_row", price_row, false);
  benchmark::RegisterBenchmark("price/copy", price_row, true);
  for (const input& in : inputs()) benchmark::RegisterBenchmark(("validate/" + in.name).c_str(), validate_only, &in);
  benchmark::RegisterBenchmark("table/parse_text", table_parse_text);
  benchmark::RegisterBenchmark("table/from_json", table_from_json);
  benchmark::RegisterBenchmark("response/parse_task", response_parse);
  return true;
}();

}  // namespace

BENCHMARK_MAIN();

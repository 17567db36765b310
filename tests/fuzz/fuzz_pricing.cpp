// libFuzzer target: the pricing-rules feed loader, the evaluator and the estimator on hostile feeds.
// The input is either feed text (when it starts with '{' or '['), loaded as it is, or an edit
// script applied to a known-good feed (structure-aware: random bytes would rarely get past the JSON
// parser of a 40 KB document): the shipped feed when the first byte is below 0x80, else the same
// rows in the provider's whole language (language_feed(): per-quality tiers chosen with eq, and,
// not; the three rounding points; floor; an extra component using subtract, floor, lt, lte, neq,
// or, min, clamp). Every loaded table prices each of its rows for a few requests, on its own rows
// (fast path first) and as a copy (general evaluator only), and estimates a request per row. A
// crash, a sanitizer report, an escaping exception, a failure without a reason, the two evaluators
// disagreeing, an estimate whose range is upside down, or a price at a reference-video length
// inside an estimate's range that falls outside its bounds is a finding.
#include <seedance/estimate.hpp>
#include <seedance/pricing.hpp>
#include <seedance/pricing_data.hpp>

#include "../pricing/tiered_feed.hpp"
#include "json_edit.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>
#include <vector>

namespace {

using nlohmann::json;

json var(const char* n) { return {{"op", "variable"}, {"name", n}}; }
json cst(const char* v) { return {{"op", "constant"}, {"value", v}}; }
json op(const char* o, json args) { return {{"op", o}, {"args", std::move(args)}}; }

// The shipped rows in the whole language (see the top of the file).
json language_feed() {
  json feed = seedance_test::tiered_feed();
  if (feed.is_null()) std::abort();
  const char* points[] = {"per_component_subtotal", "per_quantity", "per_tier"};
  const char* modes[] = {"half_up", "ceil", "floor"};
  std::size_t k = 0;
  for (json& row : feed["models"]) {
    json& first = row["components"][0];
    first["rounding"] = {{"point", points[k % 3]}, {"mode", modes[(k / 3) % 3]}};
    ++k;
    json extra = first;
    extra["id"] = "extra";
    extra["tiers"] =
        json::array({{{"when", op("lt", json::array({var("duration_seconds"), cst("8")}))}, {"sku_id", "short"}, {"rate", {{"uc", "7"}}}},
                     {{"when", op("lte", json::array({cst("8"), var("duration_seconds")}))},
                      {"sku_id", "long"},
                      {"rate", {{"uc", "3.5"}}},
                      {"multiplier", "0.5"},
                      {"minimum_charge", {{"uc", "10"}}}}});
    extra["rate"] = {{"uc", "1"}};
    extra["condition"] = op("or", json::array({op("neq", json::array({var("quality"), cst("720p")})),
                                               op("gt", json::array({var("duration_seconds"), cst("10")}))}));
    extra["quantity_rule"] =
        op("floor", json::array({op("clamp", json::array({op("subtract", json::array({var("duration_seconds"), cst("2.5")})), cst("0"),
                                                          op("min", json::array({cst("12"), var("duration_seconds")}))}))}));
    row["components"].push_back(extra);
  }
  return feed;
}

void check_table(const seedance::pricing_table& table) {
  using seedance::decimal;
  using seedance::pricing_value;
  const seedance::pricing_table copy = table;  // a copy's rows are priced by name, on the general evaluator
  for (const seedance::pricing_model& m : table.models()) {
    for (const char* quality : {"480p", "1080p", "4k"}) {
      const std::vector<seedance::pricing_variable> vars{{"duration_seconds", pricing_value::of(decimal(11))},
                                                         {"quality", pricing_value::of_text(quality)},
                                                         {"input_seconds", pricing_value::of(*decimal::parse("7.35"))},
                                                         {"search_count", pricing_value::of(decimal(2))}};
      const seedance::price_result fast = table.price(m, vars);
      const seedance::price_result slow = copy.price(m, vars);
      if (fast.error != slow.error || fast.total_uc != slow.total_uc || fast.components.size() != slow.components.size()) std::abort();
      if (fast.ok() && fast.total_uc < 0) std::abort();
    }
    const nlohmann::json body = {{"model", m.model_id},
                                 {"prompt", "x"},
                                 {"duration", 11},
                                 {"quality", "720p"},
                                 {"video_urls", {"https://example.com/a.mp4"}},
                                 {"model_params", {{"web_search", true}}}};
    seedance::estimate_options o;
    o.validate = false;
    const seedance::estimate_result e = seedance::estimate_cost(body, table, seedance::media_map{}, o);
    if (e.ok() == !e.error.empty()) std::abort();
    if (e.ok() && e.estimate->max.uc < e.estimate->min.uc) std::abort();
    // The range (one unknown video: 2 to 15 s) holds the price of every length inside it that the
    // rules price: sampled every 0.25 s, and at 7.35 s.
    if (e.ok() && e.estimate->factor == decimal(1) && m.parameter("content_filter") == nullptr) {
      for (int quarter = 8; quarter <= 61; ++quarter) {
        const decimal at = quarter == 61 ? *decimal::parse("7.35") : *decimal::fraction(quarter, 4);
        const std::vector<seedance::pricing_variable> vars{{"duration_seconds", pricing_value::of(decimal(11))},
                                                           {"quality", pricing_value::of_text("720p")},
                                                           {"input_seconds", pricing_value::of(at)},
                                                           {"search_count", pricing_value::of(decimal(0))}};
        const seedance::price_result p = table.price(m, vars);
        if (p.ok() && (decimal(p.total_uc) < e.estimate->min.uc || decimal(p.total_uc) > e.estimate->max.uc)) std::abort();
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  seedance::pricing_load_result r;
  if (size > 0 && (text.front() == '{' || text.front() == '[')) {
    r = seedance::pricing_table::parse(text);
  } else {
    static const nlohmann::json original = nlohmann::json::parse(seedance::default_pricing_feed);
    static const nlohmann::json whole = language_feed();
    const bool language = size > 0 && data[0] >= 0x80;
    nlohmann::json feed = language ? whole : original;
    json_edit::apply(feed, language ? std::span(data + 1, size - 1) : std::span(data, size));
    r = seedance::pricing_table::from_json(feed);
  }
  if (r.ok() == !r.error.empty()) std::abort();
  if (!r.error_path.empty() && r.error_path.front() != '/') std::abort();
  if (r.ok()) check_table(*r.table);
  return 0;
}

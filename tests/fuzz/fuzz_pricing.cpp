// libFuzzer target: the pricing-rules feed loader, the evaluator and the estimator on hostile feeds.
// The input is either feed text (when it starts with '{' or '['), loaded as it is, or an edit
// script applied to the shipped feed (structure-aware: random bytes would rarely get past the JSON
// parser of a 40 KB document). Every loaded table prices each of its rows for a few requests, on
// its own rows (fast path first) and as a copy (general evaluator only), and estimates a request per
// row. A crash, a sanitizer report, an escaping exception, a failure without a reason, the two
// evaluators disagreeing, or an estimate whose range is upside down is a finding.
#include <seedance/estimate.hpp>
#include <seedance/pricing.hpp>
#include <seedance/pricing_data.hpp>

#include "json_edit.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>
#include <vector>

namespace {

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
      if (fast.error != slow.error || fast.total_uc != slow.total_uc || fast.components.size() != slow.components.size())
        std::abort();
      if (fast.ok() && fast.total_uc < 0) std::abort();
    }
    const nlohmann::json body = {{"model", m.model_id},
                                 {"prompt", "x"},
                                 {"video_urls", {"https://example.com/a.mp4"}},
                                 {"model_params", {{"web_search", true}}}};
    seedance::estimate_options o;
    o.validate = false;
    const seedance::estimate_result e = seedance::estimate_cost(body, table, seedance::media_map{}, o);
    if (e.ok() == !e.error.empty()) std::abort();
    if (e.ok() && e.estimate->max.uc < e.estimate->min.uc) std::abort();
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
    nlohmann::json feed = original;
    json_edit::apply(feed, std::span(data, size));
    r = seedance::pricing_table::from_json(feed);
  }
  if (r.ok() == !r.error.empty()) std::abort();
  if (!r.error_path.empty() && r.error_path.front() != '/') std::abort();
  if (r.ok()) check_table(*r.table);
  return 0;
}

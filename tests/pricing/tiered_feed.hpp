// The shipped feed with every video_output component's quality factor moved into per-quality
// tiers whose absolute rate includes it (rate x factor; multiplier = the factor), as the provider's
// catalogue writes tiers since 2026-10-12: a lookup by quality becomes one tier per quality
// (eq(quality, "720p")), an if(cond, lookup, lookup) two per quality (and(eq, cond) and
// and(eq, not(cond))). The component's own rate is made absurd (999999999 uc), so that a request
// no tier prices shows. Used by tests/pricing/language_test.cpp, benchmarks/estimate_bench.cpp and
// tests/fuzz/fuzz_pricing.cpp. Returns null when the feed's rows are not of that shape.
#ifndef SEEDANCE_TESTS_TIERED_FEED_HPP
#define SEEDANCE_TESTS_TIERED_FEED_HPP

#include <seedance/decimal.hpp>
#include <seedance/pricing_data.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace seedance_test {

inline nlohmann::json tiered_feed() {
  using nlohmann::json;
  const auto var = [](const std::string& n) { return json{{"op", "variable"}, {"name", n}}; };
  const auto cst = [](const std::string& v) { return json{{"op", "constant"}, {"value", v}}; };
  const auto op = [](const std::string& o, json args) { return json{{"op", o}, {"args", std::move(args)}}; };
  json feed = json::parse(seedance::default_pricing_feed);
  for (json& row : feed["models"]) {
    for (json& c : row["components"]) {
      if (c["id"] != "video_output") continue;
      json& rule = c["quantity_rule"];
      if (rule["op"] != "multiply" || rule["args"].size() != 2) return nullptr;
      const json factor = rule["args"][1];
      const auto rate = seedance::decimal::parse(c["rate"]["uc"].get<std::string>());
      if (!rate) return nullptr;
      const std::string sku = c["sku_id"];
      json tiers = json::array();
      bool ok = true;
      const auto add_tiers = [&](const json& lookup, const json& cond, const std::string& suffix) {
        if (lookup["op"] != "lookup") {
          ok = false;
          return;
        }
        for (auto it = lookup["values"].begin(); it != lookup["values"].end(); ++it) {
          const auto f = seedance::decimal::parse(it.value().get<std::string>());
          const auto r = f ? multiply(*rate, *f) : std::nullopt;
          if (!r) {
            ok = false;
            return;
          }
          json when = op("eq", json::array({var("quality"), cst(it.key())}));
          if (!cond.is_null()) when = op("and", json::array({when, cond}));
          tiers.push_back({{"when", when},
                           {"sku_id", sku + "-" + it.key() + suffix},
                           {"rate", {{"uc", r->to_string()}}},
                           {"minimum_charge", c["minimum_charge"]},
                           {"pricing_status", "available"},
                           {"multiplier", f->to_string()}});
        }
      };
      if (factor["op"] == "lookup") {
        add_tiers(factor, nullptr, "");
      } else if (factor["op"] == "if") {
        add_tiers(factor["args"][1], factor["args"][0], "-ref");
        add_tiers(factor["args"][2], op("not", json::array({factor["args"][0]})), "");
      } else {
        return nullptr;
      }
      if (!ok) return nullptr;
      c["tiers"] = tiers;
      const json quantity = rule["args"][0];
      c["quantity_rule"] = quantity;
      c["rate"]["uc"] = "999999999";
    }
  }
  return feed;
}

}  // namespace seedance_test

#endif  // SEEDANCE_TESTS_TIERED_FEED_HPP

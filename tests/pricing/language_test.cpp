// The provider's whole pricing-rules language (docs/spec.md section 9): the operators added to
// the evaluator, tiers and their selection, the three rounding points and modes, whole-uc
// charges, pricing_status, and price ranges across tier boundaries. Every expected value is
// computed by hand in the comment beside it.
#include <seedance/estimate.hpp>
#include <seedance/pricing.hpp>
#include <seedance/pricing_data.hpp>

#include <catch2/catch.hpp>

#include "tiered_feed.hpp"

#include <cstdint>
#include <string>
#include <vector>

using nlohmann::json;
using seedance::decimal;
using seedance::pricing_table;
using seedance::pricing_value;
using seedance::pricing_variable;

namespace {

const std::string model_id = "seedance-2.0-mini-text-to-video";

json cst(const std::string& v) { return {{"op", "constant"}, {"value", v}}; }
json var(const std::string& n) { return {{"op", "variable"}, {"name", n}}; }
json op(const std::string& o, json args) { return {{"op", o}, {"args", std::move(args)}}; }
decimal D(const char* s) { return *decimal::parse(s); }

json tier(json when, const std::string& sku, const std::string& rate, const std::string& minimum = "0") {
  return {{"when", std::move(when)},
          {"sku_id", sku},
          {"rate", {{"uc", rate}}},
          {"minimum_charge", {{"uc", minimum}}},
          {"pricing_status", "available"}};
}

json component(json quantity, const std::string& rate, json tiers = json::array(), const std::string& point = "per_component_subtotal",
               const std::string& mode = "half_up", const std::string& minimum = "0") {
  return {{"id", "c"},
          {"unit", "u"},
          {"sku_id", "9"},
          {"rate", {{"uc", rate}}},
          {"minimum_charge", {{"uc", minimum}}},
          {"rounding", {{"point", point}, {"mode", mode}}},
          {"tiers", std::move(tiers)},
          {"quantity_rule", std::move(quantity)}};
}

json row_of(json components, const std::string& model = model_id) {
  return {{"model_id", model},
          {"parameters", json::array({{{"name", "x"}, {"type", "decimal"}, {"default", "0"}},
                                      {{"name", "q"}, {"type", "enum"}, {"values", {"a", "b"}}, {"default", "a"}}})},
          {"components", std::move(components)}};
}

pricing_table load(const json& feed) {
  auto r = pricing_table::from_json(feed);
  INFO(r.error_path << ": " << r.error);
  REQUIRE(r.ok());
  return std::move(*r.table);
}

std::string load_error(const json& feed, std::string* path = nullptr) {
  auto r = pricing_table::from_json(feed);
  CHECK_FALSE(r.ok());
  if (path) *path = r.error_path;
  return r.error;
}

// The result of pricing one row with x (and q); the table's own row (fast path first) and a copy's
// (general evaluator only) must agree.
seedance::price_result price(const json& row, const char* x = "0", const char* q = "a") {
  static std::vector<pricing_table> keep;  // the result points into its table
  keep.push_back(load(json::array({row})));
  const std::vector<pricing_variable> vars{{"x", pricing_value::of(D(x))}, {"q", pricing_value::of_text(q)}};
  auto own = keep.back().price(model_id, vars);
  const pricing_table copy = keep.back();
  const auto other = copy.price(*copy.find(model_id), vars);
  CHECK(own.error == other.error);
  CHECK(own.total_uc == other.total_uc);
  return own;
}

// The quantity of a one-component row whose quantity_rule is `rule`.
decimal qty(const json& rule, const char* x = "0", const char* q = "a") {
  const auto r = price(row_of(json::array({component(rule, "1")})), x, q);
  INFO(r.error);
  REQUIRE(r.ok());
  return r.components.at(0).quantity;
}
// A truth value, as the quantity 1 or 0.
bool truth(const json& cond, const char* x = "0", const char* q = "a") {
  return qty(op("if", json::array({cond, cst("1"), cst("0")})), x, q) == decimal(1);
}
std::string eval_error(const json& rule, const char* x = "0") {
  const auto r = price(row_of(json::array({component(rule, "1")})), x);
  CHECK_FALSE(r.ok());
  return r.error;
}

}  // namespace

TEST_CASE("language: the operators the provider added (subtract floor lt lte neq and or not)", "[pricing][language]") {
  CHECK(qty(op("subtract", json::array({cst("10"), cst("2.5")}))) == D("7.5"));
  CHECK(qty(op("max", json::array({op("subtract", json::array({var("x"), cst("3")})), cst("0")})), "1") == decimal(0));  // 1 - 3 < 0
  CHECK(qty(op("floor", json::array({cst("3.99")}))) == decimal(3));
  CHECK(qty(op("floor", json::array({cst("4")}))) == decimal(4));
  CHECK(truth(op("eq", json::array({op("floor", json::array({op("subtract", json::array({cst("0"), cst("0.5")}))})),
                                    cst("-1")}))));  // floor(-0.5) = -1
  // lt, lte at, below and above the boundary
  CHECK(truth(op("lt", json::array({var("x"), cst("5")})), "4.99"));
  CHECK_FALSE(truth(op("lt", json::array({var("x"), cst("5")})), "5"));
  CHECK(truth(op("lte", json::array({var("x"), cst("5")})), "5"));
  CHECK_FALSE(truth(op("lte", json::array({var("x"), cst("5")})), "5.01"));
  // neq: texts, numbers by value, and a text against a constant written as a number
  CHECK(truth(op("neq", json::array({var("q"), cst("b")})), "0", "a"));
  CHECK_FALSE(truth(op("neq", json::array({var("q"), cst("b")})), "0", "b"));
  CHECK_FALSE(truth(op("neq", json::array({cst("2.0"), cst("2")}))));
  // and, or, not (2..32 arguments in the provider's language; up to 64 here)
  const json t = op("gte", json::array({cst("1"), cst("0")}));
  const json f = op("lt", json::array({cst("1"), cst("0")}));
  CHECK(truth(op("and", json::array({t, t, t}))));
  CHECK_FALSE(truth(op("and", json::array({t, f, t}))));
  CHECK(truth(op("or", json::array({f, f, t}))));
  CHECK_FALSE(truth(op("or", json::array({f, f}))));
  CHECK(truth(op("not", json::array({f}))));
  CHECK_FALSE(truth(op("not", json::array({t}))));
  json many = json::array();
  for (int i = 0; i < 32; ++i) many.push_back(t);
  CHECK(truth(op("and", many)));
  // and/or stop at the first argument that decides: the rest is not evaluated (like if's branches)
  const json boom = op("gt", json::array({op("divide", json::array({cst("1"), cst("0")})), cst("0")}));
  CHECK_FALSE(truth(op("and", json::array({f, boom}))));
  CHECK(truth(op("or", json::array({t, boom}))));
  CHECK(eval_error(op("if", json::array({op("and", json::array({t, boom})), cst("1"), cst("0")}))).find("division by zero") !=
        std::string::npos);
  // type errors
  CHECK(eval_error(op("if", json::array({op("and", json::array({t, cst("1")})), cst("1"), cst("0")}))).find("and needs truth values") !=
        std::string::npos);
  CHECK(eval_error(op("if", json::array({op("not", json::array({var("q")})), cst("1"), cst("0")}))).find("not needs truth values") !=
        std::string::npos);
  CHECK(eval_error(op("if", json::array({op("neq", json::array({op("add", json::array({cst("1")})), var("q")})), cst("1"), cst("0")})))
            .find("neq compares a number with a text") != std::string::npos);
  CHECK(eval_error(op("subtract", json::array({cst("-9223372036854775807"), cst("2")}))).find("subtract overflows") != std::string::npos);
  CHECK(eval_error(op("lt", json::array({var("q"), cst("1")}))).find("lt needs numbers") != std::string::npos);
  // arities
  const auto arity = [](const json& rule) { return load_error(json::array({row_of(json::array({component(rule, "1")}))})); };
  CHECK(arity(op("subtract", json::array({cst("1"), cst("2"), cst("3")}))).find("subtract takes 2 arguments, not 3") != std::string::npos);
  CHECK(arity(op("not", json::array({t, t}))).find("not takes 1 arguments, not 2") != std::string::npos);
  CHECK(arity(op("floor", json::array())).find("floor takes 1") != std::string::npos);
  CHECK(arity(op("lte", json::array({cst("1")}))).find("lte takes 2") != std::string::npos);
  CHECK(arity(op("and", json::array())).find("and takes 1..64") != std::string::npos);
  std::string path;
  CHECK(
      load_error(json::array({row_of(json::array({component(op("add", json::array({cst("1"), op("pow", json::array())})), "1")}))}), &path)
          .find(
              "known: variable, constant, add, multiply, divide, ceil, max, min, clamp, if, gt, gte, eq, lookup, subtract, floor, lt, lte, "
              "neq, and, or, not") != std::string::npos);
  CHECK(path == "/0/components/0/quantity_rule/args/1/op");
}

TEST_CASE("language: the rounding points and modes give different charges", "[pricing][language][rounding]") {
  // q = 5, one tier always selected: rate 2.5 uc, multiplier 1.25 (a base rate of 2 x 1.25).
  //   per_component_subtotal: round(5 x 2.5 = 12.5)                 -> half_up 13, ceil 13, floor 12
  //   per_quantity:           round(5 x 1.25 = 6.25) x 2.5 / 1.25   -> half_up 12, ceil 14, floor 12
  //   per_tier:               5 x round(2.5)                        -> half_up 15, ceil 15, floor 10
  struct want {
    const char* point;
    const char* mode;
    std::int64_t uc;
  };
  const want cases[] = {
      {"per_component_subtotal", "half_up", 13},
      {"per_component_subtotal", "ceil", 13},
      {"per_component_subtotal", "floor", 12},
      {"per_quantity", "half_up", 12},
      {"per_quantity", "ceil", 14},
      {"per_quantity", "floor", 12},
      {"per_tier", "half_up", 15},
      {"per_tier", "ceil", 15},
      {"per_tier", "floor", 10},
  };
  for (const want& w : cases) {
    json tr = tier(op("gte", json::array({var("x"), cst("0")})), "t", "2.5");
    tr["multiplier"] = "1.25";
    const auto r = price(row_of(json::array({component(cst("5"), "999", json::array({tr}), w.point, w.mode)})));
    INFO(w.point << " " << w.mode << ": " << r.error);
    REQUIRE(r.ok());
    CHECK(r.total_uc == w.uc);
    CHECK(r.components[0].rate_uc == D("2.5"));
    CHECK(r.components[0].multiplier == D("1.25"));
  }
  // Without a tier: multiplier 1, the component's rate (per_quantity: round(2.5) x 3 = 9 half up, 6 floor)
  CHECK(price(row_of(json::array({component(cst("2.5"), "3", json::array(), "per_quantity", "half_up")}))).total_uc == 9);
  CHECK(price(row_of(json::array({component(cst("2.5"), "3", json::array(), "per_quantity", "floor")}))).total_uc == 6);
  // The old default point stays: a component without "point" rounds its subtotal.
  json c = component(cst("2.5"), "3");
  c["rounding"].erase("point");
  CHECK(price(row_of(json::array({c}))).total_uc == 8);  // 7.5 -> 8
}

TEST_CASE("language: a charge must come out a whole number of uc", "[pricing][language]") {
  // per_quantity: round(1.5 x 2 = 3) x 3 / 2 = 4.5 uc
  json tr = tier(op("gte", json::array({var("x"), cst("0")})), "t", "3");
  tr["multiplier"] = "2";
  auto r = price(row_of(json::array({component(cst("1.5"), "1", json::array({tr}), "per_quantity")})));
  CHECK(r.error.find("c: the charge 4.5 uc is not a whole number of uc (rounded per_quantity)") != std::string::npos);
  // per_tier: 1.5 x round(3) = 4.5
  r = price(row_of(json::array({component(cst("1.5"), "3", json::array(), "per_tier")})));
  CHECK(r.error.find("not a whole number of uc") != std::string::npos);
  // a fractional minimum that applies (it was rounded up before the tiers: now refused as the rules say)
  r = price(row_of(json::array({component(cst("1"), "1", json::array(), "per_component_subtotal", "half_up", "2.5")})));
  CHECK(r.error.find("the charge 2.5 uc is not a whole number of uc (the minimum charge)") != std::string::npos);
  // ... and one that does not apply is harmless
  CHECK(price(row_of(json::array({component(cst("3"), "1", json::array(), "per_component_subtotal", "half_up", "2.5")}))).total_uc == 3);
}

TEST_CASE("language: tier selection (none, one, two), the selected minimum, unavailable tiers", "[pricing][language][tiers]") {
  const json small = tier(op("lt", json::array({var("x"), cst("5")})), "small", "10", "35");
  const json big = tier(op("gte", json::array({var("x"), cst("5")})), "big", "20");
  const json row = row_of(json::array({component(var("x"), "7", json::array({small, big}))}));
  // one: x = 4 -> small, 4 x 10 = 40 (over its minimum 35); x = 3 -> 30, raised to 35
  auto r = price(row, "4");
  REQUIRE(r.ok());
  REQUIRE(r.components[0].tier != nullptr);
  CHECK(r.components[0].tier->sku_id == "small");
  CHECK(r.total_uc == 40);
  r = price(row, "3");
  CHECK(r.total_uc == 35);
  CHECK(r.components[0].minimum_applied);
  CHECK(r.components[0].minimum_uc == decimal(35));
  // x = 5: big, 5 x 20 = 100
  r = price(row, "5");
  REQUIRE(r.components.at(0).tier != nullptr);
  CHECK(r.components[0].tier->sku_id == "big");
  CHECK(r.total_uc == 100);
  // none: the component's own rate and minimum
  const json far = tier(op("gt", json::array({var("x"), cst("100")})), "far", "1000");
  r = price(row_of(json::array({component(var("x"), "7", json::array({far}), "per_component_subtotal", "half_up", "50")})), "4");
  REQUIRE(r.ok());
  CHECK(r.components[0].tier == nullptr);
  CHECK(r.total_uc == 50);  // 4 x 7 = 28, raised to the component's minimum 50
  // two: no price, and the message names both
  const json also = tier(op("gte", json::array({var("x"), cst("1")})), "also", "30");
  r = price(row_of(json::array({component(var("x"), "7", json::array({big, also}))})), "6");
  CHECK(r.error ==
        "c: both tier \"big\" and tier \"also\" match; the rules price a request by exactly one tier, so they cannot price this one");
  CHECK(price(row_of(json::array({component(var("x"), "7", json::array({big, also}))})), "2").total_uc == 60);  // only "also"
  // an unavailable tier: refused when selected, harmless when not
  json closed = big;
  closed["pricing_status"] = "unavailable";
  const json with_closed = row_of(json::array({component(var("x"), "7", json::array({small, closed}))}));
  CHECK(price(with_closed, "6").error.find("c: the selected tier \"big\" is not available (pricing_status \"unavailable\")") !=
        std::string::npos);
  CHECK(price(with_closed, "4").total_uc == 40);
  // an unavailable component (priced at its own rate) and an unavailable row
  json own_closed = component(var("x"), "7");
  own_closed["pricing_status"] = "suspended";
  CHECK(price(row_of(json::array({own_closed})), "1").error.find("c: the component is not available") != std::string::npos);
  json row_closed = row_of(json::array({component(var("x"), "7")}));
  row_closed["pricing_status"] = "unavailable";
  CHECK(price(row_closed, "1").error.find(model_id + " is not available") != std::string::npos);
  row_closed["pricing_status"] = "available";
  CHECK(price(row_closed, "1").total_uc == 7);
  // tiers reading a text (per-quality tiers), with and/not
  const json qa = tier(op("eq", json::array({var("q"), cst("a")})), "qa", "100");
  const json qb = tier(op("and", json::array({op("eq", json::array({var("q"), cst("b")})),
                                              op("not", json::array({op("gt", json::array({var("x"), cst("9")}))}))})),
                       "qb", "300");
  const json by_quality = row_of(json::array({component(cst("2"), "1", json::array({qa, qb}))}));
  CHECK(price(by_quality, "0", "a").total_uc == 200);
  CHECK(price(by_quality, "0", "b").total_uc == 600);
  CHECK(price(by_quality, "10", "b").total_uc == 2);  // no tier: the component's rate 1
}

TEST_CASE("language: tiers and components load with their fields, and load errors name where", "[pricing][language][tiers][hostile]") {
  std::string path;
  const json ok_tier = tier(op("gte", json::array({var("x"), cst("0")})), "t", "5");
  const auto with_tier = [&](const json& t) {
    return json::array({row_of(json::array({component(cst("1"), "1", json::array({ok_tier, t}))}))});
  };
  json t = ok_tier;
  t["when"] = op("gte", json::array({var("x"), op("pow", json::array())}));
  CHECK(load_error(with_tier(t), &path).find("unknown operator \"pow\"") != std::string::npos);
  CHECK(path == "/0/components/0/tiers/1/when/args/1/op");
  t = ok_tier;
  t["multiplier"] = "0";
  CHECK(load_error(with_tier(t), &path).find("the multiplier 0 is not positive") != std::string::npos);
  CHECK(path == "/0/components/0/tiers/1/multiplier");
  t = ok_tier;
  t["rate"] = {{"uc", 0.5}};
  CHECK(load_error(with_tier(t), &path).find("decimal string") != std::string::npos);
  CHECK(path == "/0/components/0/tiers/1/rate/uc");
  t = ok_tier;
  t.erase("rate");
  CHECK(load_error(with_tier(t), &path).find("missing \"rate\"") != std::string::npos);
  CHECK(path == "/0/components/0/tiers/1");
  t = ok_tier;
  t["pricing_status"] = json::array();
  CHECK(load_error(with_tier(t), &path).find("pricing_status must be a string") != std::string::npos);
  CHECK(path == "/0/components/0/tiers/1/pricing_status");
  // a tier's condition is bounded like any tree: 32 levels load, 33 do not
  auto nested = [](int nots) {  // nots levels of not around gte(x, 0): nots + 2 levels
    json e = op("gte", json::array({var("x"), cst("0")}));
    for (int i = 0; i < nots; ++i) e = op("not", json::array({e}));
    return e;
  };
  t = ok_tier;
  t["when"] = nested(30);
  CHECK(pricing_table::from_json(with_tier(t)).ok());
  t["when"] = nested(31);
  CHECK(load_error(with_tier(t), &path).find("nested more than 32 levels deep") != std::string::npos);
  CHECK(path.rfind("/0/components/0/tiers/1/when/args/0", 0) == 0);
  // rounding points and modes by name; tiers must be an array
  json c = component(cst("1"), "1");
  c["rounding"]["mode"] = "banker";
  CHECK(load_error(json::array({row_of(json::array({c}))})).find("(half_up, ceil, floor)") != std::string::npos);
  c = component(cst("1"), "1");
  c["tiers"] = json::object();
  CHECK(load_error(json::array({row_of(json::array({c}))}), &path).find("tiers must be an array") != std::string::npos);
  CHECK(path == "/0/components/0/tiers");
  // billing_unit_size: any positive integer loads and is not applied (as the provider's estimator)
  c = component(cst("3"), "10");
  c["billing_unit_size"] = 60;
  const auto unit = load(json::array({row_of(json::array({c}))}));
  CHECK(unit.price(model_id, {}).total_uc == 30);
  CHECK(unit.models()[0].components[0].billing_unit_size == 60);
  // the information fields
  json full = row_of(json::array({component(cst("1"), "1", json::array({ok_tier}))}));
  full["settlement_basis"] = "actual_usage";
  const auto info = load(json::array({full}));
  CHECK(info.models()[0].settlement_basis == "actual_usage");
  CHECK(info.models()[0].components[0].sku_id == "9");
  CHECK(info.models()[0].components[0].tiers.at(0).sku_id == "t");
  CHECK(info.models()[0].components[0].tiers.at(0).multiplier == decimal(1));  // absent: 1
  CHECK(info.models()[0].components[0].reads("x"));                             // a tier's variables count
}

TEST_CASE("language: a component's condition with the new operators", "[pricing][language]") {
  json c = component(var("x"), "10");
  c["condition"] = op("and", json::array({op("gt", json::array({var("x"), cst("0")})), op("neq", json::array({var("q"), cst("b")}))}));
  const json row = row_of(json::array({c}));
  CHECK(price(row, "2", "a").total_uc == 20);
  CHECK(price(row, "2", "b").total_uc == 0);
  CHECK_FALSE(price(row, "2", "b").components.at(0).applies);
  CHECK(price(row, "0", "a").total_uc == 0);
}

// ---------------------------------------------------------------------------------------------
// Estimates on tiered feeds
// ---------------------------------------------------------------------------------------------

namespace {

json tiered_feed() {
  json feed = seedance_test::tiered_feed();
  REQUIRE_FALSE(feed.is_null());
  return feed;
}

const char* const qualities[] = {"480p", "720p", "1080p", "4k"};

}  // namespace

TEST_CASE("language: the nine rows rewritten into per-quality tiers price as the shipped feed", "[estimate][language][tiers]") {
  const pricing_table tiered = load(tiered_feed());
  const pricing_table& flat = seedance::default_pricing();
  int compared = 0;
  for (const seedance::pricing_model& m : flat.models()) {
    for (const char* quality : qualities) {
      for (int duration = 4; duration <= 15; ++duration) {
        for (const char* input : {"0", "3", "7.35", "12.34", "15"}) {
          const std::vector<pricing_variable> vars{{"duration_seconds", pricing_value::of(decimal(duration))},
                                                   {"quality", pricing_value::of_text(quality)},
                                                   {"input_seconds", pricing_value::of(D(input))},
                                                   {"search_count", pricing_value::of(decimal(0))}};
          const auto a = flat.price(m, vars);
          const auto b = tiered.price(m.model_id, vars);
          INFO(m.model_id << " " << quality << " " << duration << " s, input " << input << ": " << a.error << " / " << b.error);
          CHECK(a.ok() == b.ok());
          CHECK(a.total_uc == b.total_uc);
          if (a.ok()) {
            REQUIRE(b.components.at(0).tier != nullptr);
            CHECK(b.components[0].tier->sku_id.find(std::string("-") + quality) != std::string::npos);
            ++compared;
          }
        }
      }
    }
  }
  // 3 standard rows x 4 qualities + 6 others x 2, 12 durations, 5 inputs
  CHECK(compared == (3 * 4 + 6 * 2) * 12 * 5);

  // Whole estimates: exact ones, ranges (an unknown reference video), web search.
  seedance::estimate_options o;
  for (const seedance::pricing_model& m : flat.models()) {
    for (const char* quality : {"480p", "720p"}) {
      json body = {{"model", m.model_id}, {"prompt", "x"}, {"duration", 8}, {"quality", quality}};
      if (m.model_id.find("image-to-video") != std::string::npos) body["image_urls"] = {"https://example.com/a.jpg"};
      if (m.model_id.find("reference-to-video") != std::string::npos) body["video_urls"] = {"https://example.com/a.mp4"};
      if (m.model_id.find("text-to-video") != std::string::npos && m.model_id.find("mini") == std::string::npos)
        body["model_params"] = {{"web_search", true}};
      const auto a = seedance::estimate_cost(body, flat, seedance::media_map{}, o);
      const auto b = seedance::estimate_cost(body, tiered, seedance::media_map{}, o);
      INFO(m.model_id << " " << quality << ": " << a.error << " / " << b.error);
      REQUIRE(a.ok());
      REQUIRE(b.ok());
      CHECK(a.estimate->min.uc == b.estimate->min.uc);
      CHECK(a.estimate->max.uc == b.estimate->max.uc);
      CHECK(a.estimate->range_exact);
      CHECK(b.estimate->range_exact);
      CHECK(a.estimate->open_upper_bound == b.estimate->open_upper_bound);
    }
  }
}

TEST_CASE("language: an estimate names the selected tier", "[estimate][language][tiers]") {
  const pricing_table tiered = load(tiered_feed());
  const json body = {{"model", "seedance-2.0-image-to-video"},
                     {"prompt", "x"},
                     {"duration", 8},
                     {"quality", "1080p"},
                     {"image_urls", {"https://example.com/a.jpg"}}};
  const auto r = seedance::estimate_cost(body, tiered);
  REQUIRE(r.ok());
  const seedance::cost_component& c = r.estimate->components.at(0);
  REQUIRE(c.tier.has_value());
  CHECK(c.tier->sku_id == "4001-1080p");
  CHECK(c.tier->rate_uc == decimal(337500));  // 135000 x 2.5
  CHECK(c.tier->multiplier == D("2.5"));
  CHECK(c.tier->minimum_uc == decimal(250020));
  CHECK(c.rate_uc == decimal(337500));
  CHECK(r.estimate->min.uc == decimal(2700000));  // 8 x 337500
  CHECK(seedance::to_text(*r.estimate).find("  video_output [tier 4001-1080p]: 8 output_second x 337500 uc = 2700000 uc\n") !=
        std::string::npos);
  const json j = *r.estimate;
  CHECK(j["components"][0]["tier"]["sku_id"] == "4001-1080p");
  CHECK(j["components"][0]["tier"]["multiplier"] == "2.5");
  // the shipped table has no tiers: no tier named
  const auto flat = seedance::estimate_cost(body);
  REQUIRE(flat.ok());
  CHECK_FALSE(flat.estimate->components.at(0).tier.has_value());
  CHECK(seedance::to_text(*flat.estimate).find("  video_output: 20 output_second x 135000 uc = 2700000 uc\n") !=
        std::string::npos);  // 8 s x 2.5
}

namespace {
// A reference-to-video row priced by output duration at a rate that its tiers choose by the
// reference-video seconds.
json ranged_row(json tiers, const std::string& own_rate = "1") {
  json c = component(var("duration_seconds"), own_rate, std::move(tiers));
  return {{"model_id", "seedance-2.0-reference-to-video"},
          {"parameters", json::array({{{"name", "duration_seconds"}, {"type", "integer"}, {"default", "5"}},
                                      {{"name", "quality"}, {"type", "enum"}, {"values", {"480p", "720p"}}, {"default", "720p"}},
                                      {{"name", "input_seconds"}, {"type", "decimal"}, {"minimum", "0"}, {"default", "0"}}})},
          {"components", json::array({c})}};
}
seedance::cost_estimate ranged_estimate(const json& row) {
  static std::vector<pricing_table> keep;
  keep.push_back(load(json::array({row})));
  const json body = {
      {"model", "seedance-2.0-reference-to-video"}, {"prompt", "x"}, {"duration", 5}, {"video_urls", {"https://example.com/a.mp4"}}};
  const auto r = seedance::estimate_cost(body, keep.back());
  INFO(r.error);
  REQUIRE(r.ok());
  return *r.estimate;
}
}  // namespace

TEST_CASE("language: a range across tier boundaries: exact where provable, else a guaranteed bound", "[estimate][language][range]") {
  // One unknown reference video: input_seconds between 2 and 15 s. Output 5 s.
  SECTION("the dearest tier is inside the range: found, and proven exact") {
    // < 6 s: 100 uc/s; 6..10 s: 300; >= 10 s: 200. The ends cost 500 and 1000; 6..10 s cost 1500.
    const json row = ranged_row(json::array({
        tier(op("lt", json::array({var("input_seconds"), cst("6")})), "short", "100"),
        tier(op("and", json::array({op("gte", json::array({var("input_seconds"), cst("6")})),
                                    op("lt", json::array({var("input_seconds"), cst("10")}))})),
             "middle", "300"),
        tier(op("gte", json::array({var("input_seconds"), cst("10")})), "long", "200"),
    }));
    const auto e = ranged_estimate(row);
    CHECK(e.min.uc == decimal(500));
    CHECK(e.max.uc == decimal(1500));  // the ends alone would say 1000
    CHECK(e.range_exact);
    CHECK(e.components.at(0).tier->sku_id == "short");   // at the low end
    CHECK(e.components.at(0).tier_max->sku_id == "long");  // at the high end
    CHECK(seedance::to_text(e).find("  c [tier short to long]: 5 u x 100 to 200 uc = 500 to 1000 uc\n") != std::string::npos);
  }
  SECTION("the cheapest tier is inside the range") {
    // 2..4 s: 300; 4..8 s: 50; > 8 s: 300 -> 250 at 4..8 s, 1500 at the ends
    const json row = ranged_row(json::array({
        tier(op("lt", json::array({var("input_seconds"), cst("4")})), "a", "300"),
        tier(op("and", json::array({op("gte", json::array({var("input_seconds"), cst("4")})),
                                    op("lte", json::array({var("input_seconds"), cst("8")}))})),
             "b", "50"),
        tier(op("gt", json::array({var("input_seconds"), cst("8")})), "c", "300"),
    }));
    const auto e = ranged_estimate(row);
    CHECK(e.min.uc == decimal(250));
    CHECK(e.max.uc == decimal(1500));
    CHECK(e.range_exact);
  }
  SECTION("a boundary no constant names: inexact, with a bound that holds") {
    // input + duration > 17 (input > 12 s): 300, else 100. Inside the range neither tier is known
    // to hold between the priced points around 12 s; the bound [500, 1500] holds for every length
    // (and here is reached: 2 s costs 500, 15 s 1500), but is not proven exact.
    const json sum = op("add", json::array({var("input_seconds"), var("duration_seconds")}));
    const json row = ranged_row(json::array({
                                    tier(op("gt", json::array({sum, cst("17")})), "over", "300"),
                                    tier(op("lte", json::array({sum, cst("17")})), "under", "100"),
                                }),
                                "100");  // (the component's own rate: 100, so that "no tier" is no cheaper)
    const auto e = ranged_estimate(row);
    CHECK(e.min.uc == decimal(500));
    CHECK(e.max.uc == decimal(1500));
    CHECK_FALSE(e.range_exact);
    bool said = false;
    for (const auto& a : e.assumptions) said = said || a.text.find("is not proven exact") != std::string::npos;
    CHECK(said);
  }
  SECTION("a non-monotone quantity: a dip inside the range is bounded") {
    // quantity = |input - 8| x 10 via max(input - 8, 8 - input) x 10: 60 at 2 s, 70 at 15 s, 0 at 8 s.
    json c = component(op("multiply", json::array({op("max", json::array({op("subtract", json::array({var("input_seconds"), cst("8")})),
                                                                          op("subtract", json::array({cst("8"), var("input_seconds")}))})),
                                                   cst("10")})),
                       "1");
    json row = ranged_row(json::array());
    row["components"] = json::array({c});
    const auto e = ranged_estimate(row);
    CHECK(e.max.uc == decimal(70));
    CHECK(e.min.uc == decimal(0));  // at 8 s, a constant of the tree: priced there
    CHECK(e.range_exact);
  }
  SECTION("the shipped reference-to-video row: proven exact") {
    const json body = {
        {"model", "seedance-2.0-reference-to-video"}, {"prompt", "x"}, {"duration", 10}, {"video_urls", {"https://example.com/a.mp4"}}};
    const auto r = seedance::estimate_cost(body);
    REQUIRE(r.ok());
    CHECK(r.estimate->range_exact);
    CHECK(r.estimate->min.uc == decimal(1644300));  // the worked example: (10 + 10) x 0.609 x 135000
    CHECK(r.estimate->max.uc == decimal(2055375));  // (10 + 15) x 0.609 x 135000
  }
  SECTION("a length inside the range the rules cannot price: no estimate, and why") {
    // two tiers overlap on 6..8 s only
    const json row = ranged_row(json::array({
        tier(op("lte", json::array({var("input_seconds"), cst("8")})), "a", "100"),
        tier(op("gte", json::array({var("input_seconds"), cst("6")})), "b", "200"),
    }));
    static std::vector<pricing_table> keep;
    keep.push_back(load(json::array({row})));
    const json body = {
        {"model", "seedance-2.0-reference-to-video"}, {"prompt", "x"}, {"duration", 5}, {"video_urls", {"https://example.com/a.mp4"}}};
    const auto r = seedance::estimate_cost(body, keep.back());
    CHECK_FALSE(r.ok());
    CHECK(r.error.find("within the range") != std::string::npos);
    CHECK(r.error.find("both tier \"a\" and tier \"b\" match") != std::string::npos);
  }
}

TEST_CASE("language: a row that declares content_filter prices it from the feed", "[estimate][language]") {
  // 5 s at 100 uc/s; with the filter off, a second component of 50 uc/s: 750, and no 1.1 factor.
  json base = component(var("duration_seconds"), "100");
  json off = component(var("duration_seconds"), "50");
  off["id"] = "filter_off";
  off["condition"] = op("not", json::array({var("content_filter")}));
  const json row = {{"model_id", "seedance-2.0-image-to-video"},
                    {"parameters", json::array({{{"name", "duration_seconds"}, {"type", "integer"}, {"default", "5"}},
                                                {{"name", "content_filter"}, {"type", "boolean"}, {"default", "true"}}})},
                    {"components", json::array({base, off})}};
  const pricing_table t = load(json::array({row}));
  json body = {{"model", "seedance-2.0-image-to-video"}, {"prompt", "x"}, {"duration", 5}, {"image_urls", {"https://example.com/a.jpg"}}};
  auto r = seedance::estimate_cost(body, t);
  REQUIRE(r.ok());
  CHECK(r.estimate->min.uc == decimal(500));
  body["content_filter"] = false;
  r = seedance::estimate_cost(body, t);
  REQUIRE(r.ok());
  CHECK(r.estimate->min.uc == decimal(750));
  CHECK(r.estimate->factor == decimal(1));
  for (const auto& a : r.estimate->assumptions) CHECK_FALSE(a.inference);
  // the shipped rows have no such parameter: the inferred factor stays
  r = seedance::estimate_cost(body);
  REQUIRE(r.ok());
  CHECK(r.estimate->factor == D("1.1"));
}

TEST_CASE("language: a variable no request gives is a reason, not a guess", "[estimate][language]") {
  // a tier chosen by "resolution", which the request cannot give and the row does not declare
  json c = component(var("duration_seconds"), "100",
                     json::array({tier(op("eq", json::array({var("resolution"), cst("1920x1080")})), "hd", "300")}));
  const json row = {{"model_id", "seedance-2.0-image-to-video"},
                    {"parameters", json::array({{{"name", "duration_seconds"}, {"type", "integer"}, {"default", "5"}}})},
                    {"components", json::array({c})}};
  const pricing_table t = load(json::array({row}));
  const json body = {{"model", "seedance-2.0-image-to-video"}, {"prompt", "x"}, {"image_urls", {"https://example.com/a.jpg"}}};
  const auto r = seedance::estimate_cost(body, t);
  CHECK_FALSE(r.ok());
  CHECK(r.error.find(
            "cannot price seedance-2.0-image-to-video: c: tier \"hd\": when: no value for the variable \"resolution\" (and no default)") !=
        std::string::npos);
  CHECK(r.error.find("a request gives only duration_seconds, quality, input_seconds, search_count") != std::string::npos);
}

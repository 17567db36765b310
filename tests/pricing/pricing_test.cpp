// seedance::pricing_table: loading the feed (and hostile feeds), the operators, rounding, minimums.
#include <seedance/pricing.hpp>
#include <seedance/pricing_data.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

using nlohmann::json;
using seedance::decimal;
using seedance::pricing_table;
using seedance::pricing_value;
using seedance::pricing_variable;

namespace {

// A model row in the feed's format, with one component; the model must be one of the nine.
json row(json quantity_rule, const std::string& rate = "1", const std::string& minimum = "0", const std::string& rounding = "half_up",
         json condition = nullptr, const std::string& model = "seedance-2.0-mini-text-to-video") {
  json c = {{"id", "c"},
            {"unit", "u"},
            {"rate", {{"uc", rate}}},
            {"minimum_charge", {{"uc", minimum}}},
            {"rounding", {{"point", "per_component_subtotal"}, {"mode", rounding}}},
            {"tiers", json::array()},
            {"quantity_rule", std::move(quantity_rule)}};
  if (!condition.is_null()) c["condition"] = std::move(condition);
  return {{"model_id", model},
          {"parameters", json::array({{{"name", "x"}, {"type", "decimal"}, {"default", "0"}},
                                      {{"name", "q"}, {"type", "enum"}, {"values", {"a", "b"}}, {"default", "a"}},
                                      {{"name", "n"}, {"type", "integer"}, {"minimum", "0"}, {"maximum", "10"}}})},
          {"components", json::array({std::move(c)})}};
}

json cst(const std::string& v) { return {{"op", "constant"}, {"value", v}}; }
json var(const std::string& n) { return {{"op", "variable"}, {"name", n}}; }
json op(const std::string& o, json args) { return {{"op", o}, {"args", std::move(args)}}; }

pricing_table load(const json& feed) {
  auto r = pricing_table::from_json(feed);
  INFO(r.error_path << ": " << r.error);
  REQUIRE(r.ok());
  return std::move(*r.table);
}

// The price of the single component of `quantity_rule` with the given values.
seedance::price_result price_of(const json& quantity_rule, std::vector<pricing_variable> vars = {}, const std::string& rate = "1",
                                const std::string& rounding = "half_up") {
  static std::vector<pricing_table> keep;  // the result points into its table
  keep.push_back(load(json::array({row(quantity_rule, rate, "0", rounding)})));
  return keep.back().price("seedance-2.0-mini-text-to-video", vars);
}

std::string load_error(const json& feed, std::string* path = nullptr) {
  auto r = pricing_table::from_json(feed);
  CHECK_FALSE(r.ok());
  if (path) *path = r.error_path;
  return r.error;
}

}  // namespace

TEST_CASE("pricing: the default table holds the nine Seedance 2.0 rows of 2026-09-16", "[pricing]") {
  const pricing_table& t = seedance::default_pricing();
  REQUIRE(t.models().size() == seedance::model_catalog.size());
  for (const auto& m : seedance::model_catalog) CHECK(t.find(m.id) != nullptr);
  CHECK(t.ignored_models() == 0);
  CHECK(t.schema_version() == "2");
  CHECK(t.updated_at() == "2026-10-10T06:52:34Z");
  CHECK(seedance::default_pricing_effective == "2026-09-16");
  for (const auto& m : t.models())
    for (const auto& c : m.components) CHECK(c.effective_at.substr(0, 10) == "2026-09-16");
}

#ifdef SEEDANCE_PRICING_FEED
TEST_CASE("pricing: the shipped table is the provider's feed file, unchanged", "[pricing]") {
  std::ifstream in(SEEDANCE_PRICING_FEED, std::ios::binary);
  REQUIRE(in);
  std::stringstream s;
  s << in.rdbuf();
  CHECK(json::parse(s.str()) == json::parse(seedance::default_pricing_feed));
  const auto r = pricing_table::parse(s.str());
  REQUIRE(r.ok());
  CHECK(r.table->models().size() == 9);
}
#endif

TEST_CASE("pricing: a feed, an array of rows, or one row", "[pricing]") {
  const json r = row(cst("2"));
  CHECK(load(json{{"meta", {{"schema_version", "2"}}}, {"models", json::array({r})}}).models().size() == 1);
  CHECK(load(json{{"models", json::array({r})}}).models().size() == 1);  // no meta: accepted
  CHECK(load(json::array({r})).models().size() == 1);
  CHECK(load(r).models().size() == 1);
  CHECK(pricing_table::parse(json::array({r}).dump()).ok());
}

TEST_CASE("pricing: unknown models and unknown fields are ignored", "[pricing]") {
  json other = row(op("pow", json::array({cst("2"), cst("3")})), "1", "0", "half_up", nullptr, "some-other-model");
  json mine = row(cst("2"));
  mine["surprise"] = {{"a", 1}};
  mine["components"][0]["new_field"] = "x";
  mine["components"][0]["quantity_rule"]["comment"] = "unknown keys inside an expression";
  mine["components"][0]["rate"]["credits"] = "whatever";
  const json feed = {{"meta", {{"schema_version", "2"}, {"new_meta", true}}}, {"models", json::array({other, mine})}, {"extra", 1}};
  const pricing_table t = load(feed);
  CHECK(t.models().size() == 1);
  CHECK(t.ignored_models() == 1);
  CHECK(t.find("some-other-model") == nullptr);
  CHECK(t.price("seedance-2.0-mini-text-to-video", {}).total_uc == 2);
}

TEST_CASE("pricing: an unknown operator is a load error naming it and where it is", "[pricing][hostile]") {
  std::string path;
  const std::string e = load_error(json::array({row(op("add", json::array({cst("1"), op("pow", json::array({cst("2")}))})))}), &path);
  CHECK(e.find("unknown operator \"pow\"") != std::string::npos);
  CHECK(e.find("lookup") != std::string::npos);  // lists the known ones
  CHECK(path == "/0/components/0/quantity_rule/args/1/op");
}

TEST_CASE("pricing: malformed feeds are load errors, never exceptions", "[pricing][hostile]") {
  std::string path;
  CHECK(pricing_table::parse("{not json").error == "the feed is not valid JSON");
  CHECK(pricing_table::parse("").error == "the feed is not valid JSON");
  CHECK(load_error(json(42)).find("not a pricing-rules feed") != std::string::npos);
  CHECK(load_error(json{{"meta", {{"schema_version", "3"}}}, {"models", json::array()}}, &path).find("not supported") != std::string::npos);
  CHECK(path == "/meta/schema_version");
  CHECK(load_error(json{{"models", {{"a", 1}}}}, &path).find("array") != std::string::npos);
  CHECK(load_error(json::array({json{{"model_id", 5}}})).find("model_id must be a string") != std::string::npos);
  CHECK(load_error(json::array({json{{"model_id", "seedance-2.0-mini-text-to-video"}}})).find("components") != std::string::npos);

  json r = row(cst("1"));
  r["components"][0]["rate"]["uc"] = 0.1;  // binary floating point
  CHECK(load_error(json::array({r}), &path).find("decimal string") != std::string::npos);
  CHECK(path == "/0/components/0/rate/uc");
  r["components"][0]["rate"]["uc"] = "1,5";
  CHECK(load_error(json::array({r})).find("not a decimal") != std::string::npos);
  r["components"][0]["rate"]["uc"] = "-1";
  CHECK(load_error(json::array({r})).find("negative") != std::string::npos);
  r["components"][0]["rate"]["uc"] = "1e400";
  CHECK_FALSE(pricing_table::from_json(json::array({r})).ok());
  r["components"][0]["rate"]["uc"] = "123456789012345678901234567890";  // too big for the exact range
  CHECK_FALSE(pricing_table::from_json(json::array({r})).ok());
  r["components"][0]["rate"]["uc"] = json::array();
  CHECK_FALSE(pricing_table::from_json(json::array({r})).ok());
  r["components"][0].erase("rate");
  CHECK(load_error(json::array({r})).find("missing \"rate\"") != std::string::npos);

  CHECK(load_error(json::array({row(cst("1"), "1", "0", "bankers")})).find("rounding mode") != std::string::npos);
  r = row(cst("1"));
  r["components"][0]["rounding"]["point"] = "per_invoice";
  CHECK(load_error(json::array({r})).find("rounding point") != std::string::npos);
  r = row(cst("1"));
  r["components"][0]["tiers"] = json::array({{{"from", "0"}}});  // a tier without its condition
  CHECK(load_error(json::array({r}), &path).find("missing \"when\"") != std::string::npos);
  CHECK(path == "/0/components/0/tiers/0");
  r = row(cst("1"));
  r["components"][0]["billing_unit_size"] = 0;
  CHECK(load_error(json::array({r})).find("billing_unit_size 0 is not supported (a positive integer)") != std::string::npos);
  r["components"][0]["billing_unit_size"] = "60";
  CHECK(load_error(json::array({r})).find("billing_unit_size") != std::string::npos);
  CHECK(load_error(json::array({row(cst("1")), row(cst("2"))}), &path).find("twice") != std::string::npos);
  CHECK(path == "/1/model_id");

  CHECK(load_error(json::array({row(op("divide", json::array({cst("1"), cst("2"), cst("3")})))})).find("takes 2 arguments") !=
        std::string::npos);
  CHECK(load_error(json::array({row(op("ceil", json::array()))})).find("takes 1 arguments, not 0") != std::string::npos);
  CHECK(load_error(json::array({row(op("if", json::array({cst("1")})))})).find("takes 3") != std::string::npos);
  CHECK(load_error(json::array({row(json{{"op", "add"}})})).find("missing \"args\"") != std::string::npos);
  CHECK(load_error(json::array({row(json{{"op", "variable"}})})).find("missing \"name\"") != std::string::npos);
  CHECK(load_error(json::array({row(json{{"op", "constant"}, {"value", 1.5}})})).find("decimal string") != std::string::npos);
  CHECK(load_error(json::array({row(json{{"op", "lookup"}, {"key", var("q")}, {"values", json::object()}})})).find("non-empty") !=
        std::string::npos);
  CHECK(load_error(json::array({row(json{{"op", "lookup"}, {"key", var("q")}, {"values", {{"a", 0.5}}}})}), &path).find("decimal") !=
        std::string::npos);
  CHECK(path == "/0/components/0/quantity_rule/values/a");
  CHECK(load_error(json::array({row(json("2"))})).find("an expression must be an object") != std::string::npos);
  CHECK(load_error(json::array({row(json{{"op", 7}})})).find("op must be a string") != std::string::npos);
}

TEST_CASE("pricing: expression trees are bounded in depth and size", "[pricing][hostile]") {
  // 32 levels load; 33 do not.
  auto nested = [](int levels) {
    json e = cst("1");
    for (int i = 1; i < levels; ++i) e = op("ceil", json::array({e}));
    return e;
  };
  CHECK(pricing_table::from_json(json::array({row(nested(32))})).ok());
  std::string path;
  CHECK(load_error(json::array({row(nested(33))}), &path).find("nested more than 32") != std::string::npos);

  // 10,000 levels: refused at level 33, without recursing further (no stack overflow).
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += R"({"op":"ceil","args":[)";
  deep += R"({"op":"constant","value":"1"})";
  for (int i = 0; i < 10000; ++i) deep += "]}";
  // (as text: nlohmann copies JSON values recursively, the parser and the loader do not recurse)
  const std::string feed = R"([{"model_id": "seedance-2.0-mini-text-to-video", "components": [{"id": "c", "rate": {"uc": "1"},
      "rounding": {"mode": "half_up"}, "quantity_rule": )" +
                           deep + "}]}]";
  // As text it is refused before parsing (the text nests 20,000 levels, over max_json_depth); parsed
  // by the caller (nlohmann parses any depth), the loader refuses the tree at level 33.
  const auto as_text = pricing_table::parse(feed);
  CHECK_FALSE(as_text.ok());
  CHECK(as_text.error.find("nests arrays and objects more than 72 levels deep") != std::string::npos);
  const auto loaded = pricing_table::from_json(json::parse(feed));
  CHECK_FALSE(loaded.ok());
  CHECK(loaded.error.find("nested more than 32") != std::string::npos);
  CHECK(loaded.error_path.size() > 32 * std::string("/args/0").size());
  // a tree of 32 levels fits within the text bound
  std::string deepest;
  for (int i = 1; i < 32; ++i) deepest += R"({"op":"ceil","args":[)";
  deepest += R"({"op":"constant","value":"1"})";
  for (int i = 1; i < 32; ++i) deepest += "]}";
  const std::string fits = R"({"models": [{"model_id": "seedance-2.0-mini-text-to-video", "components": [{"id": "c", "rate": {"uc": "1"},
      "rounding": {"mode": "half_up"}, "quantity_rule": )" +
                           deepest + "}]}]}";
  const auto ok = pricing_table::parse(fits);
  INFO(ok.error);
  CHECK(ok.ok());

  // 10,000 nodes in one tree load (and price: the sum of its 1s); 10,001 do not.
  const std::function<json(std::size_t)> tree = [&](std::size_t n) -> json {  // an add tree of exactly n nodes
    if (n == 1) return cst("1");
    const std::size_t k = std::min<std::size_t>(64, n - 1);
    json args = json::array();
    for (std::size_t i = 0; i < k; ++i) args.push_back(tree((n - 1) / k + (i < (n - 1) % k ? 1 : 0)));
    return op("add", args);
  };
  const auto big = pricing_table::from_json(json::array({row(tree(10000))}));
  REQUIRE(big.ok());
  CHECK(big.table->node_count() == 10000);
  CHECK(big.table->price("seedance-2.0-mini-text-to-video", {}).ok());
  CHECK(load_error(json::array({row(tree(10001))})).find("more than 10000 nodes") != std::string::npos);
  // More than 64 arguments.
  json many = json::array();
  for (int i = 0; i < 65; ++i) many.push_back(cst("1"));
  CHECK(load_error(json::array({row(op("add", many))})).find("takes 1..64 arguments, not 65") != std::string::npos);
  // Text over the limit is not parsed.
  CHECK(pricing_table::parse(std::string(seedance::pricing_limits::max_feed_bytes + 1, ' ')).error.find("over the limit") !=
        std::string::npos);
}

TEST_CASE("pricing: the operators", "[pricing]") {
  const auto qty = [](const json& rule, std::vector<pricing_variable> vars = {}) {
    const auto r = price_of(rule, std::move(vars), "1000");
    INFO(r.error);
    REQUIRE(r.ok());
    return r.components.at(0).quantity;
  };
  const auto D = [](const char* s) { return *decimal::parse(s); };
  CHECK(qty(cst("2.5")) == D("2.5"));
  CHECK(qty(op("add", json::array({cst("1"), cst("2.5"), cst("0.25")}))) == D("3.75"));
  CHECK(qty(op("multiply", json::array({cst("20"), cst("0.609")}))) == D("12.18"));
  CHECK(qty(op("divide", json::array({cst("7"), cst("2")}))) == D("3.5"));
  CHECK(qty(op("divide", json::array({cst("1"), cst("3")}))) == *decimal::fraction(1, 3));
  CHECK(qty(op("ceil", json::array({cst("3.01")}))) == D("4"));
  CHECK(qty(op("ceil", json::array({cst("3")}))) == D("3"));
  CHECK(qty(op("max", json::array({cst("1"), cst("7"), cst("3")}))) == D("7"));
  CHECK(qty(op("min", json::array({cst("1"), cst("7"), cst("0.5")}))) == D("0.5"));
  CHECK(qty(op("clamp", json::array({cst("5"), cst("1"), cst("3")}))) == D("3"));
  CHECK(qty(op("clamp", json::array({cst("0"), cst("1"), cst("3")}))) == D("1"));
  CHECK(qty(op("clamp", json::array({cst("2"), cst("1"), cst("3")}))) == D("2"));
  const json pick = op("if", json::array({op("gt", json::array({var("x"), cst("0")})), cst("10"), cst("20")}));
  CHECK(qty(pick, {{"x", pricing_value::of(D("0.1"))}}) == D("10"));
  CHECK(qty(pick, {{"x", pricing_value::of(D("0"))}}) == D("20"));
  CHECK(qty(pick) == D("20"));  // x's default "0"
  const json at_least = op("if", json::array({op("gte", json::array({var("x"), cst("2")})), cst("1"), cst("0")}));
  CHECK(qty(at_least, {{"x", pricing_value::of(D("2"))}}) == D("1"));
  CHECK(qty(at_least, {{"x", pricing_value::of(D("1.99"))}}) == D("0"));
  const json is_b = op("if", json::array({op("eq", json::array({var("q"), cst("b")})), cst("1"), cst("0")}));
  CHECK(qty(is_b, {{"q", pricing_value::of_text("b")}}) == D("1"));
  CHECK(qty(is_b) == D("0"));  // q's default "a"
  const json same = op("if", json::array({op("eq", json::array({cst("2.0"), cst("2")})), cst("1"), cst("0")}));
  CHECK(qty(same) == D("1"));  // numbers compare by value
  const json look = {{"op", "lookup"}, {"key", var("q")}, {"values", {{"a", "0.465"}, {"b", "5.1"}}}};
  CHECK(qty(look) == D("0.465"));
  CHECK(qty(look, {{"q", pricing_value::of_text("b")}}) == D("5.1"));
  const json by_number = {{"op", "lookup"}, {"key", var("n")}, {"values", {{"5", "2"}, {"6", "3"}}}};
  CHECK(qty(by_number, {{"n", pricing_value::of(decimal(6))}}) == D("3"));
}

TEST_CASE("pricing: evaluation errors are reported, never undefined", "[pricing][hostile]") {
  const auto err = [](const json& rule, std::vector<pricing_variable> vars = {}) {
    const auto r = price_of(rule, std::move(vars));
    CHECK_FALSE(r.ok());
    return r.error;
  };
  CHECK(err(op("divide", json::array({cst("1"), cst("0")}))).find("division by zero") != std::string::npos);
  CHECK(err(op("divide", json::array({cst("1"), op("add", json::array({cst("1"), cst("-1")}))}))).find("division by zero") !=
        std::string::npos);
  CHECK(err(op("multiply", json::array({cst("9223372036854775807"), cst("2")}))).find("overflow") != std::string::npos);
  CHECK(err(op("add", json::array({cst("9223372036854775807"), cst("1")}))).find("overflow") != std::string::npos);
  // quantity x rate overflows
  CHECK(price_of(cst("9223372036854775807"), {}, "2").error.find("overflow") != std::string::npos);
  CHECK(err(op("add", json::array({cst("1"), var("q")}))).find("needs numbers") != std::string::npos);
  CHECK(err(op("if", json::array({cst("1"), cst("1"), cst("2")}))).find("truth value") != std::string::npos);
  CHECK(err(op("eq", json::array({cst("1"), cst("1")}))).find("the quantity is a truth value") != std::string::npos);
  // eq of a computed number (no text as written) and a text: a type error
  CHECK(err(op("if", json::array({op("eq", json::array({op("add", json::array({cst("1"), cst("1")})), cst("x")})), cst("1"), cst("2")})))
            .find("eq compares a number with a text") != std::string::npos);
  CHECK(err(op("if", json::array({op("eq", json::array({var("q"), var("x")})), cst("1"), cst("2")})))
            .find("eq compares a text with a number") != std::string::npos);
  CHECK(err(op("clamp", json::array({cst("1"), cst("3"), cst("2")}))).find("lower bound") != std::string::npos);
  CHECK(err(var("nope")).find("no value for the variable \"nope\"") != std::string::npos);
  CHECK(err(var("n")).find("no default") != std::string::npos);  // declared, but without a default
  CHECK(err(cst("-1")).find("negative") != std::string::npos);
  CHECK(err(cst("text")).find("not a number") != std::string::npos);
  const json look = {{"op", "lookup"}, {"key", var("q")}, {"values", {{"a", "1"}}}};
  CHECK(err(look, {{"q", pricing_value::of_text("b")}}).find("no entry for \"b\"") != std::string::npos);
  // declared parameters: type, values, bounds
  CHECK(err(cst("1"), {{"q", pricing_value::of_text("c")}}).find("not priced") != std::string::npos);
  CHECK(err(cst("1"), {{"n", pricing_value::of(*decimal::parse("1.5"))}}).find("not an integer") != std::string::npos);
  CHECK(err(cst("1"), {{"n", pricing_value::of(decimal(11))}}).find("outside the priced range 0..10") != std::string::npos);
  CHECK(err(cst("1"), {{"x", pricing_value::of_text("5")}}).find("must be a number") != std::string::npos);
  // a condition that is not a truth value
  auto t = load(json::array({row(cst("1"), "1", "0", "half_up", cst("1"))}));
  CHECK(t.price("seedance-2.0-mini-text-to-video", {}).error.find("condition is a number") != std::string::npos);
  CHECK(t.price("seedance-2.0-text-to-video", {}).error.find("no row") != std::string::npos);
}

TEST_CASE("pricing: rounding per component, half up at exactly .5 uc, and ceil", "[pricing][rounding]") {
  // 5 x 0.5 = 2.5 uc: half_up gives 3 (banker's rounding would give 2); ceil gives 3.
  CHECK(price_of(cst("0.5"), {}, "5", "half_up").total_uc == 3);
  CHECK(price_of(cst("0.5"), {}, "5", "ceil").total_uc == 3);
  // 3 x 0.5 = 1.5 -> 2 both ways; 5 x 0.4999 = 2.4995 -> 2 half up, 3 ceil.
  CHECK(price_of(cst("0.5"), {}, "3", "half_up").total_uc == 2);
  CHECK(price_of(cst("0.4999"), {}, "5", "half_up").total_uc == 2);
  CHECK(price_of(cst("0.4999"), {}, "5", "ceil").total_uc == 3);
  CHECK(price_of(cst("0.5001"), {}, "5", "half_up").total_uc == 3);
  // 1/3 uc: exact until the rounding
  const auto third = price_of(op("divide", json::array({cst("1"), cst("3")})), {}, "1", "half_up");
  CHECK(third.components.at(0).subtotal_uc == *decimal::fraction(1, 3));
  CHECK(third.total_uc == 0);
  CHECK(price_of(op("divide", json::array({cst("1"), cst("3")})), {}, "1", "ceil").total_uc == 1);
}

TEST_CASE("pricing: the minimum charge, and components whose condition is false", "[pricing][minimum]") {
  auto t = load(json::array({row(var("x"), "1000", "2500")}));
  auto r = t.price("seedance-2.0-mini-text-to-video", std::vector<pricing_variable>{{"x", pricing_value::of(decimal(2))}});
  REQUIRE(r.ok());
  CHECK(r.components[0].rounded_uc == 2000);
  CHECK(r.components[0].amount_uc == 2500);
  CHECK(r.components[0].minimum_applied);
  r = t.price("seedance-2.0-mini-text-to-video", std::vector<pricing_variable>{{"x", pricing_value::of(decimal(3))}});
  CHECK(r.total_uc == 3000);
  CHECK_FALSE(r.components[0].minimum_applied);
  // A false condition: nothing is charged, not even the minimum.
  const json cond = op("gt", json::array({var("x"), cst("0")}));
  auto c = load(json::array({row(var("x"), "400", "100", "half_up", cond)}));
  r = c.price("seedance-2.0-mini-text-to-video", std::vector<pricing_variable>{{"x", pricing_value::of(decimal(0))}});
  REQUIRE(r.ok());
  CHECK_FALSE(r.components[0].applies);
  CHECK(r.total_uc == 0);
  r = c.price("seedance-2.0-mini-text-to-video", std::vector<pricing_variable>{{"x", pricing_value::of(decimal(3))}});
  CHECK(r.total_uc == 1200);
}

TEST_CASE("pricing: the default table refuses what a model does not price", "[pricing]") {
  const auto& t = seedance::default_pricing();
  const std::vector<pricing_variable> v{{"duration_seconds", pricing_value::of(decimal(5))}, {"quality", pricing_value::of_text("1080p")}};
  const auto r = t.price("seedance-2.0-fast-text-to-video", v);
  CHECK(r.error.find("not priced") != std::string::npos);
  CHECK(r.error.find("480p 720p") != std::string::npos);
  const std::vector<pricing_variable> d16{{"duration_seconds", pricing_value::of(decimal(16))}};
  CHECK(t.price("seedance-2.0-text-to-video", d16).error.find("outside the priced range 4..15") != std::string::npos);
  // defaults from the row: duration 5, quality 720p
  CHECK(t.price("seedance-2.0-mini-text-to-video", {}).total_uc == 5 * 27000);
}

TEST_CASE("pricing: a row priced by another table (a copy) gives the same result, by name", "[pricing]") {
  // price() binds values to a row's slots when the row is the table's own, and reads them by
  // name otherwise: both ways agree, value for value, error for error.
  const pricing_table& t = seedance::default_pricing();
  const pricing_table copy = t;
  const std::vector<std::vector<pricing_variable>> cases = {
      {},
      {{"duration_seconds", pricing_value::of(decimal(10))},
       {"quality", pricing_value::of_text("1080p")},
       {"input_seconds", pricing_value::of(*decimal::parse("12.34"))},
       {"search_count", pricing_value::of(decimal(2))}},
      {{"quality", pricing_value::of_text("720p")}, {"quality", pricing_value::of_text("8k")}},  // the first value counts; both are checked
      {{"duration_seconds", pricing_value::of_text("5")}},
  };
  for (const auto& m : t.models()) {
    for (const auto& vars : cases) {
      const auto own = t.price(m, vars);
      const auto other = copy.price(m, vars);
      CHECK(own.error == other.error);
      CHECK(own.total_uc == other.total_uc);
      REQUIRE(own.components.size() == other.components.size());
      for (std::size_t i = 0; i < own.components.size(); ++i) {
        CHECK(own.components[i].quantity == other.components[i].quantity);
        CHECK(own.components[i].amount_uc == other.components[i].amount_uc);
        CHECK(own.components[i].applies == other.components[i].applies);
      }
      // and evaluate() (by name) agrees with the quantity price() found
      if (own.ok() && !own.components.empty() && own.components[0].applies) {
        seedance::pricing_value q;
        std::string error;
        REQUIRE(t.evaluate(m, m.components[0].quantity, vars, q, error));
        CHECK(q.number == own.components[0].quantity);
      }
    }
  }
}

namespace {
// JSON text of a value nested `levels` arrays deep: [[[...]]].
std::string nested_arrays(std::size_t levels) { return std::string(levels, '[') + std::string(levels, ']'); }
}  // namespace

TEST_CASE("pricing: a deeply nested value in a load error's place is described, not dumped", "[pricing][hostile]") {
  // nlohmann parses any depth iteratively, but dump() recurses once per level: 100,000 levels
  // already overflowed an 8 MiB stack there (g++ -O0 and -O2), 300,000 here for margin. The
  // messages name the value's type instead.
  const std::string deep = nested_arrays(300000);
  const std::string comp_head = R"([{"model_id": "seedance-2.0-mini-text-to-video", "components": [{"id": "c", "rate": {"uc": "1"},
      "quantity_rule": {"op": "constant", "value": "1"}, )";
  struct place {
    std::string feed, path, message;
  };
  const place places[] = {
      {R"({"meta": {"schema_version": )" + deep + R"(}, "models": []})", "/meta/schema_version",
       "schema_version an array is not supported"},
      {comp_head + R"("rounding": {"mode": "half_up", "point": )" + deep + "}}]}]", "/0/components/0/rounding/point",
       "rounding point an array is not supported"},
      {comp_head + R"("rounding": {"mode": "half_up"}, "billing_unit_size": )" + deep + "}]}]", "/0/components/0/billing_unit_size",
       "billing_unit_size an array is not supported"},
  };
  for (const place& p : places) {
    // parsed by the caller: pricing_table::parse refuses such text before parsing it (below)
    const auto r = pricing_table::from_json(json::parse(p.feed));
    CHECK_FALSE(r.ok());
    CHECK(r.error_path == p.path);
    CHECK(r.error.find(p.message) != std::string::npos);
  }
  for (const place& p : places) CHECK(pricing_table::parse(p.feed).error.find("levels deep") != std::string::npos);
  // A NUL byte ends nlohmann's input: text with one is refused, not cut there.
  const auto nul = pricing_table::parse(std::string(R"({"models": []})") + std::string(1, '\0') + "garbage");
  CHECK_FALSE(nul.ok());
  CHECK(nul.error.find("a NUL byte at byte offset 14") != std::string::npos);
  // scalars and strings are still shown as written
  std::string path;
  CHECK(load_error(json{{"meta", {{"schema_version", 3}}}, {"models", json::array()}}).find("schema_version 3 is not") !=
        std::string::npos);
  CHECK(load_error(json{{"meta", {{"schema_version", "3"}}}, {"models", json::array()}}).find("schema_version \"3\" is not") !=
        std::string::npos);
  json r = row(cst("1"));
  r["components"][0]["billing_unit_size"] = -60;
  CHECK(load_error(json::array({r})).find("billing_unit_size -60 is not") != std::string::npos);
  r["components"][0]["billing_unit_size"] = json{{"n", 1}};
  CHECK(load_error(json::array({r})).find("billing_unit_size an object is not") != std::string::npos);
  r = row(cst("1"));
  r["components"][0]["rounding"]["point"] = "per_invoice";
  CHECK(load_error(json::array({r}), &path).find("rounding point \"per_invoice\" is not") != std::string::npos);
  CHECK(path == "/0/components/0/rounding/point");
}

TEST_CASE("pricing: a constant written as a number that does not fit is a load error, not a text", "[pricing][hostile]") {
  std::string path;
  // 0.9999999999999999999 = 9999999999999999999 / 10^19: both beyond 2^63. In an untaken branch
  // of an `if`, it would never have been evaluated.
  const json untaken = op("if", json::array({op("gt", json::array({cst("1"), cst("0")})), cst("1"), cst("0.9999999999999999999")}));
  std::string e = load_error(json::array({row(untaken)}), &path);
  CHECK(e.find("\"0.9999999999999999999\" does not fit the exact range") != std::string::npos);
  CHECK(path == "/0/components/0/quantity_rule/args/2/value");
  e = load_error(json::array({row(op("add", json::array({cst("1"), cst("-12345678901234567890123456789012345678")})))}), &path);
  CHECK(e.find("does not fit") != std::string::npos);
  CHECK(path == "/0/components/0/quantity_rule/args/1/value");
  // other notations of a number: refused, saying so
  for (const char* notation : {"1e3", "2E-1", "+1", ".5", "5.", "-.5"}) {
    INFO(notation);
    CHECK(load_error(json::array({row(cst(notation))}), &path).find("is not plain decimal text") != std::string::npos);
    CHECK(path == "/0/components/0/quantity_rule/value");
  }
  // texts that are not numbers stay texts (a lookup key, a quality); numbers within range load
  for (const char* text : {"4k", "720p", "1.2.3", "-", "e5", "x1"}) {
    INFO(text);
    CHECK(pricing_table::from_json(
              json::array({row(op("if", json::array({op("eq", json::array({var("q"), cst(text)})), cst("1"), cst("2")})))}))
              .ok());
  }
  CHECK(pricing_table::from_json(json::array({row(cst("0.999999999999999999"))})).ok());  // 18 places: fits
}

TEST_CASE("pricing: eq compares a text with a constant written as a number by its text", "[pricing]") {
  // An enum parameter whose values look like numbers ("720", "1080"): the constant "720" is read
  // as a number, and compared with the text "720" as written.
  const auto table_of = [](const json& rule) {
    json r = row(rule);
    r["parameters"].push_back({{"name", "r"}, {"type", "enum"}, {"values", {"720", "1080"}}, {"default", "1080"}});
    return load(json::array({r}));
  };
  const pricing_table t = table_of(op("if", json::array({op("eq", json::array({var("r"), cst("720")})), cst("3"), cst("5")})));
  const pricing_table reversed = table_of(op("if", json::array({op("eq", json::array({cst("720"), var("r")})), cst("3"), cst("5")})));
  const pricing_table as_written = table_of(op("if", json::array({op("eq", json::array({var("r"), cst("720.0")})), cst("3"), cst("5")})));
  const std::vector<pricing_variable> r720{{"r", pricing_value::of_text("720")}};
  const std::vector<pricing_variable> r1080{{"r", pricing_value::of_text("1080")}};
  for (const pricing_table* p : {&t, &reversed}) {
    const auto a = p->price("seedance-2.0-mini-text-to-video", r720);
    INFO(a.error);
    CHECK(a.total_uc == 3);
    CHECK(p->price("seedance-2.0-mini-text-to-video", r1080).total_uc == 5);
    CHECK(p->price("seedance-2.0-mini-text-to-video", {}).total_uc == 5);  // r's default "1080"
    // a copy prices the same rows by name (the other evaluation path): the same answers
    const pricing_table copy = *p;
    CHECK(copy.price(p->models()[0], r720).total_uc == 3);
    CHECK(copy.price(p->models()[0], r1080).total_uc == 5);
  }
  CHECK(as_written.price("seedance-2.0-mini-text-to-video", r720).total_uc == 5);  // "720" is not "720.0"
  // numbers still compare by value
  const json same = op("if", json::array({op("eq", json::array({var("x"), cst("2.0")})), cst("3"), cst("5")}));
  CHECK(price_of(same, {{"x", pricing_value::of(decimal(2))}}).total_uc == 3);
}

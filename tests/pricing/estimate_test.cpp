// seedance::estimate_cost against values computed here, in integers, from the numbers of docs/spec.md
// section 6 written down below (not from the library's table, not copied from its output).
#include <seedance/estimate.hpp>
#include <seedance/json.hpp>
#include <seedance/request.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

using nlohmann::json;
using seedance::decimal;
using seedance::estimate_cost;

namespace {

// docs/spec.md section 6, by tier (standard, fast, mini): rate per second and minimum charge in uc,
// quality factors in thousandths (480p, 720p, 1080p, 4k; 0 = not offered), without and with
// reference video.
struct tier_prices {
  std::int64_t rate;
  std::int64_t minimum;
  std::int64_t factor[4];
  std::int64_t factor_video[4];
};
constexpr tier_prices rules_md[3] = {
    {135000, 250020, {465, 1000, 2500, 5100}, {284, 609, 1520, 3150}},
    {82013, 151893, {465, 1000, 0, 0}, {277, 595, 0, 0}},
    {27000, 50004, {465, 1000, 0, 0}, {284, 609, 0, 0}},
};
constexpr std::int64_t web_search_uc = 400;
constexpr const char* quality_names[4] = {"480p", "720p", "1080p", "4k"};

// round_half_up(num / den) for num, den > 0
std::int64_t half_up(std::int64_t num, std::int64_t den) { return (2 * num + den) / (2 * den); }

// Without reference video: duration x factor x rate, rounded, at least the minimum.
std::int64_t expected_uc(const tier_prices& t, int q, std::int64_t duration) {
  const std::int64_t amount = half_up(duration * t.factor[q] * t.rate, 1000);
  return amount < t.minimum ? t.minimum : amount;
}
// With reference video of `input_hundredths` / 100 s in all (> 0):
// ceil(10 x (duration + max(input, duration))) / 10 x factor_video x rate.
std::int64_t expected_uc_video(const tier_prices& t, int q, std::int64_t duration, std::int64_t input_hundredths) {
  const std::int64_t billed = input_hundredths > duration * 100 ? input_hundredths : duration * 100;  // hundredths
  const std::int64_t total = duration * 100 + billed;
  const std::int64_t tenths = (total + 9) / 10;  // ceil to 0.1 s
  const std::int64_t amount = half_up(tenths * t.factor_video[q] * t.rate, 10 * 1000);
  return amount < t.minimum ? t.minimum : amount;
}

json body_for(const seedance::model_info& m, int q, int duration) {
  json j = {{"model", std::string(m.id)}, {"prompt", "a cat plays the piano"}, {"duration", duration}, {"quality", quality_names[q]}};
  if (m.mode == seedance::mode::image_to_video) j["image_urls"] = {"https://example.com/first.jpg"};
  if (m.mode == seedance::mode::reference_to_video) j["image_urls"] = {"https://example.com/ref.jpg"};
  return j;
}

seedance::media_map video_lengths(const std::vector<std::pair<std::string, double>>& v) {
  seedance::media_map m;
  for (const auto& [url, seconds] : v) {
    seedance::video_properties p;
    p.duration = seconds;
    m.emplace(url, p);
  }
  return m;
}

decimal D(const char* s) { return *decimal::parse(s); }
decimal uc(std::int64_t v) { return decimal(v); }

// A copy: callers pass temporaries.
seedance::cost_estimate need(const seedance::estimate_result& r) {
  INFO(r.error << "\n" << seedance::to_text(r.report));
  REQUIRE(r.ok());
  return *r.estimate;
}

}  // namespace

TEST_CASE("estimate: every model x quality x duration, against docs/spec.md section 6", "[estimate]") {
  int checked = 0;
  for (const seedance::model_info& m : seedance::model_catalog) {
    const tier_prices& t = rules_md[static_cast<int>(m.tier)];
    for (int q = 0; q < 4; ++q) {
      const bool offered = t.factor[q] != 0;
      REQUIRE(offered == m.supports(static_cast<seedance::quality>(q)));  // docs/spec.md agrees with spec.hpp
      for (int duration = 4; duration <= 15; ++duration) {
        const auto r = estimate_cost(body_for(m, q, duration));
        if (!offered) {  // 1080p / 4k on fast and mini: invalid, no estimate
          CHECK_FALSE(r.ok());
          CHECK(r.report.has(seedance::code::quality_unsupported));
          continue;
        }
        INFO(m.id << " " << quality_names[q] << " " << duration << " s");
        const auto& e = need(r);
        const std::int64_t want = expected_uc(t, q, duration);
        CHECK(e.min.uc == uc(want));
        CHECK(e.max.uc == uc(want));
        CHECK(e.exact());
        CHECK(e.min.credits == *divide(uc(want), decimal(10000)));
        CHECK(e.min.cny == *divide(uc(want), decimal(100000)));          // 1 credit = 0.1 CNY
        CHECK(e.min.usd == *divide(uc(want), decimal(680000)));          // 6.8 CNY per USD
        REQUIRE(e.components.size() == 1);
        CHECK(e.components[0].id == "video_output");
        CHECK(e.components[0].amount_min_uc == want);
        ++checked;

        if (m.mode == seedance::mode::reference_to_video) {  // with a reference video of known length
          for (std::int64_t input : {300, 1234, 1500}) {
            json j = body_for(m, q, duration);
            j["video_urls"] = {"https://example.com/ref.mp4"};
            const auto rv = estimate_cost(j, video_lengths({{"https://example.com/ref.mp4", static_cast<double>(input) / 100}}));
            INFO("input " << input << " hundredths");
            const auto& ev = need(rv);
            CHECK(ev.exact());
            CHECK(ev.min.uc == uc(expected_uc_video(t, q, duration, input)));
            ++checked;
          }
        }
      }
    }
  }
  // 3 standard models x 4 qualities x 12 durations + 6 others x 2 x 12, and 3 inputs per reference case
  CHECK(checked == (3 * 4 + 6 * 2) * 12 + 3 * (4 + 2 + 2) * 12);
}

TEST_CASE("estimate: the provider's worked example, 164.43 credits", "[estimate]") {
  // 720p, 10 s output, 5 s reference video, standard tier: (10 + 10) x 0.609 = 12.18 -> 1,644,300 uc.
  const json j = {{"model", "seedance-2.0-reference-to-video"},
                  {"prompt", "@video1 as the camera move"},
                  {"video_urls", {"https://example.com/ref.mp4"}},
                  {"duration", 10},
                  {"quality", "720p"}};
  const auto& e = need(estimate_cost(j, video_lengths({{"https://example.com/ref.mp4", 5.0}})));
  CHECK(e.exact());
  CHECK(e.min.uc == decimal(1644300));
  CHECK(e.min.credits == D("164.43"));
  CHECK(e.min.cny == D("16.443"));
  CHECK(e.min.usd.to_fixed(2) == "2.42");
  REQUIRE(e.components.size() == 1);
  CHECK(e.components[0].quantity_min == D("12.18"));
  CHECK(e.components[0].rate_uc == decimal(135000));
  CHECK(seedance::to_text(e).find("164.43 credits (16.44 CNY, 2.42 USD)") != std::string::npos);
  const json out = e;
  CHECK(out["min"]["credits"] == "164.43");
  CHECK(out["exact"] == true);
}

TEST_CASE("estimate: rounding half up at exactly .5 uc on the real table", "[estimate][rounding]") {
  // standard reference-to-video, 720p, 5 s, 5.1 s of video: 10.1 x 0.609 x 135000 = 830,371.5 uc.
  const json j = {{"model", "seedance-2.0-reference-to-video"},
                  {"prompt", "x"},
                  {"video_urls", {"https://example.com/a.mp4"}},
                  {"duration", 5},
                  {"quality", "720p"}};
  const auto& e = need(estimate_cost(j, video_lengths({{"https://example.com/a.mp4", 5.1}})));
  REQUIRE(e.components.size() == 1);
  CHECK(e.components[0].quantity_min == D("6.1509"));
  CHECK(e.min.uc == decimal(830372));  // not 830371 (down, or banker's even)
  CHECK(half_up(std::int64_t{101} * 609 * 135000, 10 * 1000) == 830372);
}

TEST_CASE("estimate: the input seconds are ceiled to 0.1 s", "[estimate]") {
  const auto price = [](double input) {
    const json j = {{"model", "seedance-2.0-reference-to-video"},
                    {"prompt", "x"},
                    {"video_urls", {"https://example.com/a.mp4"}},
                    {"duration", 10},
                    {"quality", "720p"}};
    const auto r = estimate_cost(j, video_lengths({{"https://example.com/a.mp4", input}}));
    REQUIRE(r.ok());
    return r.estimate->components.at(0).quantity_min;
  };
  CHECK(price(12.34) == *multiply(D("22.4"), D("0.609")));  // 22.34 -> 22.4
  CHECK(price(12.301) == *multiply(D("22.4"), D("0.609")));
  CHECK(price(12.3) == *multiply(D("22.3"), D("0.609")));   // already a tenth: unchanged
  CHECK(price(3) == *multiply(D("20"), D("0.609")));        // shorter than the output: the output counts
  // split across two videos: 6.15 + 6.15 = 12.3 exactly (no binary noise: 6.15 is read as "6.15")
  const json two = {{"model", "seedance-2.0-reference-to-video"},
                    {"prompt", "x"},
                    {"video_urls", {"https://example.com/a.mp4", "https://example.com/b.mp4"}},
                    {"duration", 10},
                    {"quality", "720p"}};
  const auto r = estimate_cost(two, video_lengths({{"https://example.com/a.mp4", 6.15}, {"https://example.com/b.mp4", 6.15}}));
  REQUIRE(r.ok());
  CHECK(r.estimate->components.at(0).quantity_min == *multiply(D("22.3"), D("0.609")));
}

TEST_CASE("estimate: unknown reference-video lengths give a range", "[estimate][range]") {
  const tier_prices& std_tier = rules_md[0];
  const tier_prices& fast = rules_md[1];
  SECTION("one video, 10 s output: billed input between the output (10 s) and 15 s") {
    const json j = {
        {"model", "seedance-2.0-reference-to-video"}, {"prompt", "x"}, {"video_urls", {"https://example.com/a.mp4"}}, {"duration", 10}};
    const auto& e = need(estimate_cost(j));
    CHECK_FALSE(e.exact());
    CHECK_FALSE(e.open_upper_bound);
    CHECK(e.min.uc == uc(expected_uc_video(std_tier, 1, 10, 200)));   // any length up to 10 s costs the same
    CHECK(e.max.uc == uc(expected_uc_video(std_tier, 1, 10, 1500)));  // 15 s: the total limit
    CHECK(e.min.credits == D("164.43"));
    CHECK(e.components.at(0).quantity_min == D("12.18"));
    CHECK(e.components.at(0).quantity_max == *multiply(D("25"), D("0.609")));
    bool said = false;
    for (const auto& a : e.assumptions) said = said || (a.text.find("between 2 s and 15 s") != std::string::npos && !a.inference);
    CHECK(said);
  }
  SECTION("three videos, 4 s output, fast 480p: each lasts at least 2 s, so at least 6 s") {
    const json j = {{"model", "seedance-2.0-fast-reference-to-video"},
                    {"prompt", "x"},
                    {"video_urls", {"https://example.com/a.mp4", "https://example.com/b.mp4", "https://example.com/c.mp4"}},
                    {"duration", 4},
                    {"quality", "480p"}};
    const auto& e = need(estimate_cost(j));
    CHECK(e.min.uc == uc(expected_uc_video(fast, 0, 4, 600)));
    CHECK(e.max.uc == uc(expected_uc_video(fast, 0, 4, 1500)));
  }
  SECTION("one known (5 s), one unknown: between 7 s and 15 s") {
    const json j = {{"model", "seedance-2.0-reference-to-video"},
                    {"prompt", "x"},
                    {"video_urls", {"https://example.com/a.mp4", "https://example.com/b.mp4"}},
                    {"duration", 4}};
    const auto& e = need(estimate_cost(j, video_lengths({{"https://example.com/a.mp4", 5.0}})));
    CHECK(e.min.uc == uc(expected_uc_video(std_tier, 1, 4, 700)));
    CHECK(e.max.uc == uc(expected_uc_video(std_tier, 1, 4, 1500)));
  }
  SECTION("no reference video: exact") {
    const json j = {{"model", "seedance-2.0-reference-to-video"}, {"prompt", "x"}, {"image_urls", {"https://example.com/a.jpg"}}};
    const auto& e = need(estimate_cost(j));
    CHECK(e.exact());
    CHECK(e.min.uc == uc(expected_uc(std_tier, 1, 5)));
  }
}

TEST_CASE("estimate: web search is an open upper bound with a per-search price", "[estimate][web_search]") {
  for (const char* model : {"seedance-2.0-text-to-video", "seedance-2.0-fast-text-to-video"}) {
    const json j = {{"model", model}, {"prompt", "today's weather in Paris"}, {"duration", 6}, {"model_params", {{"web_search", true}}}};
    const auto& e = need(estimate_cost(j));
    const tier_prices& t = rules_md[std::string(model).find("fast") != std::string::npos ? 1 : 0];
    CHECK(e.open_upper_bound);
    CHECK_FALSE(e.exact());
    CHECK(e.min.uc == uc(expected_uc(t, 1, 6)));  // no search: the video alone
    CHECK(e.max.uc == e.min.uc);                  // the bounded part; searches come on top
    REQUIRE(e.per_use.size() == 1);
    CHECK(e.per_use[0].component == "web_search");
    CHECK(e.per_use[0].price.uc == uc(web_search_uc));
    CHECK(e.per_use[0].price.credits == D("0.04"));
    bool component = false;
    for (const auto& c : e.components) component = component || (c.per_use && c.id == "web_search" && c.rate_uc == uc(web_search_uc));
    CHECK(component);
    const std::string text = seedance::to_text(e);
    CHECK(text.find(": at least ") != std::string::npos);
    CHECK(text.find(", plus 0.04 credits per search") != std::string::npos);
  }
  // off (or absent): no search component at all
  const json off = {{"model", "seedance-2.0-text-to-video"}, {"prompt", "x"}, {"model_params", {{"web_search", false}}}};
  const auto& e = need(estimate_cost(off));
  CHECK(e.exact());
  CHECK(e.per_use.empty());
  CHECK(e.components.size() == 1);
}

TEST_CASE("estimate: content_filter false is x 1.1 on the total, marked as an inference", "[estimate]") {
  const json j = {{"model", "seedance-2.0-fast-text-to-video"}, {"prompt", "x"}, {"duration", 5}, {"content_filter", false}};
  const auto& e = need(estimate_cost(j));
  const std::int64_t base = expected_uc(rules_md[1], 1, 5);  // 410,065 uc
  CHECK(e.min.uc == *divide(decimal(base * 11), decimal(10)));  // 451,071.5 uc: kept exact
  CHECK(e.factor == D("1.1"));
  bool inference = false;
  for (const auto& a : e.assumptions) inference = inference || (a.inference && a.text.find("content_filter") != std::string::npos);
  CHECK(inference);
  // web search without the content filter: the provider refuses it (December 2026), so no estimate;
  // priced anyway (validation off), a search costs its own price, without the factor
  const json s = {
      {"model", "seedance-2.0-text-to-video"}, {"prompt", "x"}, {"content_filter", false}, {"model_params", {{"web_search", true}}}};
  const auto refused = estimate_cost(s);
  CHECK_FALSE(refused.ok());
  CHECK(refused.report.has(seedance::code::web_search_without_content_filter));
  seedance::estimate_options unchecked;
  unchecked.validate = false;
  const auto& as_sent = need(estimate_cost(s, {}, unchecked));
  CHECK(as_sent.per_use.at(0).price.uc == uc(web_search_uc));
  bool refusal_said = false;
  for (const auto& a : as_sent.assumptions)
    refusal_said = refusal_said || a.text.find("web_search_without_content_filter") != std::string::npos;
  CHECK(refusal_said);
  // true: no factor
  const json t = {{"model", "seedance-2.0-fast-text-to-video"}, {"prompt", "x"}, {"duration", 5}, {"content_filter", true}};
  CHECK(need(estimate_cost(t)).min.uc == decimal(base));
}

TEST_CASE("estimate: minimum charges", "[estimate][minimum]") {
  // No valid request of the real table falls under its minimum (the shortest, cheapest: 4 s at
  // 480p = 1.86 s > 1.852 s of rate); the minimums still bound every case of the loop above. A
  // table whose minimum is higher shows the rule end to end.
  json feed = json::parse(seedance::default_pricing_feed);
  for (auto& m : feed["models"])
    if (m["model_id"] == "seedance-2.0-mini-text-to-video") m["components"][0]["minimum_charge"]["uc"] = "200000";
  const auto t = seedance::pricing_table::from_json(feed);
  REQUIRE(t.ok());
  const json j = {{"model", "seedance-2.0-mini-text-to-video"}, {"prompt", "x"}, {"duration", 4}, {"quality", "480p"}};
  const auto& e = need(estimate_cost(j, *t.table));
  CHECK(e.min.uc == decimal(200000));  // 4 x 0.465 x 27000 = 50,220 < 200,000
  CHECK(e.components.at(0).minimum_applied);
  bool said = false;
  for (const auto& a : e.assumptions) said = said || a.text.find("minimum charge of 20 credits") != std::string::npos;
  CHECK(said);
  // the real table: 4 s at 480p on mini is 50,220 uc, above 50,004
  CHECK(need(estimate_cost(j)).min.uc == decimal(expected_uc(rules_md[2], 0, 4)));
  CHECK(expected_uc(rules_md[2], 0, 4) == 50220);
}

TEST_CASE("estimate: an invalid request gets no estimate, but the report", "[estimate]") {
  const json j = {{"model", "seedance-2.0-fast-text-to-video"}, {"prompt", "x"}, {"duration", 16}, {"quality", "1080p"}};
  const auto r = estimate_cost(j);
  CHECK_FALSE(r.ok());
  CHECK(r.report.has(seedance::code::duration_out_of_range));
  CHECK(r.report.has(seedance::code::quality_unsupported));
  CHECK(r.error.find("invalid") != std::string::npos);
  CHECK_FALSE(estimate_cost(json::array()).ok());
  CHECK_FALSE(estimate_cost(json{{"model", "seedance-3"}, {"prompt", "x"}}).ok());
  const auto text = seedance::estimate_cost_text("{\"model\": ", seedance::default_pricing());
  CHECK_FALSE(text.ok());
  CHECK(text.report.has(seedance::code::invalid_json));
}

TEST_CASE("estimate: JSON text, request_body and the typed request give the same figure", "[estimate]") {
  const std::int64_t want = expected_uc(rules_md[0], 2, 8);  // standard 1080p 8 s
  auto typed = seedance::request<seedance::models::image_to_video>{"petals fall"}
                   .first_frame("https://example.com/flower.jpg")
                   .duration<8>()
                   .quality<seedance::quality::p1080>();
  CHECK(need(estimate_cost(typed)).min.uc == decimal(want));
  CHECK(need(estimate_cost(typed.body())).min.uc == decimal(want));
  const json j = typed.body();
  CHECK(need(seedance::estimate_cost_text(j.dump(), seedance::default_pricing())).min.uc == decimal(want));
  // defaults: duration 5 and 720p, said in plain words
  const auto& e = need(estimate_cost(json{{"model", "seedance-2.0-mini-text-to-video"}, {"prompt", "x"}}));
  CHECK(e.min.uc == decimal(expected_uc(rules_md[2], 1, 5)));
  CHECK(e.assumptions.size() == 2);
  CHECK(e.assumptions[0].text.find("default of 5 s") != std::string::npos);
  CHECK(e.assumptions[1].text.find("720p") != std::string::npos);
}

TEST_CASE("estimate: options: currency rates, and skipping validation", "[estimate]") {
  seedance::estimate_options o;
  o.cny_per_usd = D("7.25");
  o.cny_per_credit = D("0.2");
  const json j = {{"model", "seedance-2.0-text-to-video"}, {"prompt", "x"}, {"duration", 8}};
  const auto& e = need(estimate_cost(j, seedance::media_map{}, o));
  const std::int64_t want = expected_uc(rules_md[0], 1, 8);  // 1,080,000 uc = 108 credits
  CHECK(e.min.cny == *divide(decimal(want * 2), decimal(100000)));
  CHECK(e.min.usd == *divide(*divide(decimal(want * 2), decimal(100000)), D("7.25")));
  o.cny_per_usd = decimal{};
  CHECK(estimate_cost(j, seedance::media_map{}, o).error.find("positive") != std::string::npos);

  // Without validation, what cannot be priced is an error, not an exception.
  seedance::estimate_options nv;
  nv.validate = false;
  CHECK(estimate_cost(json{{"model", "nope"}}, seedance::media_map{}, nv).error.find("no row") != std::string::npos);
  CHECK(estimate_cost(json{{"model", "seedance-2.0-fast-text-to-video"}, {"quality", "4k"}}, seedance::media_map{}, nv)
            .error.find("not priced") != std::string::npos);
  CHECK(estimate_cost(json{{"model", "seedance-2.0-text-to-video"}, {"duration", "5"}}, seedance::media_map{}, nv).error.find("duration") !=
        std::string::npos);
  CHECK(estimate_cost(json{{"model", "seedance-2.0-text-to-video"}, {"duration", 18446744073709551615ULL}}, seedance::media_map{}, nv)
            .error.find("duration") != std::string::npos);
  CHECK(estimate_cost(json{{"model", "seedance-2.0-text-to-video"}, {"duration", -3}}, seedance::media_map{}, nv)
            .error.find("priced range") != std::string::npos);
  CHECK_FALSE(estimate_cost(json("x"), seedance::media_map{}, nv).ok());
  // A table without the model.
  const auto empty = seedance::pricing_table::from_json(json::array());
  REQUIRE(empty.ok());
  CHECK(estimate_cost(j, *empty.table).error.find("no row") != std::string::npos);
}

TEST_CASE("estimate: hostile media properties do not reach the price", "[estimate][hostile]") {
  const json j = {
      {"model", "seedance-2.0-reference-to-video"}, {"prompt", "x"}, {"video_urls", {"https://example.com/a.mp4"}}, {"duration", 10}};
  seedance::estimate_options nv;
  nv.validate = false;
  for (double bad : {-1.0, 1e300, std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()}) {
    const auto r = estimate_cost(j, video_lengths({{"https://example.com/a.mp4", bad}}), nv);
    REQUIRE(r.ok());
    CHECK_FALSE(r.estimate->exact());  // treated as unknown: the range
  }
  // Sums beyond the exact range: an error, not an overflow.
  json three = j;
  three["video_urls"] = {"https://example.com/a.mp4", "https://example.com/b.mp4", "https://example.com/c.mp4"};
  const auto huge = video_lengths({{"https://example.com/a.mp4", 9e18}, {"https://example.com/b.mp4", 9e18}});
  CHECK(estimate_cost(three, huge, nv).error.find("overflow") != std::string::npos);
  const auto one_huge = video_lengths({{"https://example.com/a.mp4", 9.2e18}});
  CHECK(estimate_cost(three, one_huge, nv).error.find("overflow") != std::string::npos);
  // Validated, a 20 s video is refused by the media rules.
  CHECK_FALSE(estimate_cost(j, video_lengths({{"https://example.com/a.mp4", 20.0}})).ok());
}

TEST_CASE("estimate: an error at one end of a range is reported as that end's", "[estimate][range]") {
  // Each end of a range is priced on its own, so an error is the one that end gives. Here
  // 1 / (15 - input): fine at the low end (2 s), division by zero at the high end (15 s).
  json feed = json::parse(seedance::default_pricing_feed);
  for (auto& m : feed["models"])
    if (m["model_id"] == "seedance-2.0-reference-to-video")
      m["components"][0]["quantity_rule"] = {
          {"op", "divide"},
          {"args",
           {{{"op", "constant"}, {"value", "1"}},
            {{"op", "add"},
             {"args",
              {{{"op", "constant"}, {"value", "15"}},
               {{"op", "multiply"},
                {"args", {{{"op", "variable"}, {"name", "input_seconds"}}, {{"op", "constant"}, {"value", "-1"}}}}}}}}}}};
  const auto t = seedance::pricing_table::from_json(feed);
  REQUIRE(t.ok());
  const json j = {
      {"model", "seedance-2.0-reference-to-video"}, {"prompt", "x"}, {"video_urls", {"https://example.com/a.mp4"}}, {"duration", 10}};
  const auto r = estimate_cost(j, *t.table);
  CHECK_FALSE(r.ok());
  CHECK(r.error == "cannot price seedance-2.0-reference-to-video: video_output: quantity_rule: division by zero");
  // known length: one end, priced
  const auto known = estimate_cost(j, *t.table, video_lengths({{"https://example.com/a.mp4", 5.0}}));
  REQUIRE(known.ok());
  CHECK(known.estimate->components.at(0).quantity_min == D("0.1"));
}

TEST_CASE("estimate: known videos that leave no room for the unknown ones are priced as sent, saying why", "[estimate][range]") {
  // validate = false: the validator refuses these requests (video_total_duration). 14 s known plus
  // one unknown video of at least 2 s is at least 16 s, over the 15 s allowed for all together.
  const tier_prices& std_tier = rules_md[0];
  seedance::estimate_options nv;
  nv.validate = false;
  const json j = {{"model", "seedance-2.0-reference-to-video"},
                  {"prompt", "x"},
                  {"video_urls", {"https://example.com/a.mp4", "https://example.com/b.mp4"}},
                  {"duration", 10},
                  {"quality", "720p"}};
  const auto text_of = [](const seedance::cost_estimate& e) {
    std::string all;
    for (const auto& a : e.assumptions) all += a.text + "\n";
    return all;
  };
  {
    const auto& e = need(estimate_cost(j, video_lengths({{"https://example.com/a.mp4", 14.0}}), nv));
    CHECK_FALSE(e.exact());                                            // not one figure
    CHECK(e.min.uc == uc(expected_uc_video(std_tier, 1, 10, 1600)));  // 14 + 2 s
    CHECK(e.max.uc == uc(expected_uc_video(std_tier, 1, 10, 2900)));  // 14 + 15 s: each video at most 15 s
    CHECK(e.components.at(0).quantity_min == *multiply(D("26"), D("0.609")));
    const std::string t = text_of(e);
    INFO(t);
    CHECK(t.find("between 16 s and 16 s") == std::string::npos);
    CHECK(t.find("the known ones last 14 s and each of the others at least 2 s, together at least 16 s, over the 15 s allowed") !=
          std::string::npos);
    CHECK(t.find("the provider will refuse this request") != std::string::npos);
    CHECK(t.find("a total between 16 s and 29 s") != std::string::npos);
  }
  {  // 13 s known: the unknown one can only last 2 s, so the total can only be 15 s: one figure
    const auto& e = need(estimate_cost(j, video_lengths({{"https://example.com/a.mp4", 13.0}}), nv));
    CHECK(e.exact());
    CHECK(e.min.uc == uc(expected_uc_video(std_tier, 1, 10, 1500)));
    const std::string t = text_of(e);
    INFO(t);
    CHECK(t.find("their total can only be 15 s") != std::string::npos);
    CHECK(t.find("refuse") == std::string::npos);
  }
  {  // all known, 20 s in all: priced as sent, said to be over the limit
    const auto& e = need(estimate_cost(j, video_lengths({{"https://example.com/a.mp4", 12.0}, {"https://example.com/b.mp4", 8.0}}), nv));
    CHECK(e.exact());
    CHECK(e.min.uc == uc(expected_uc_video(std_tier, 1, 10, 2000)));
    CHECK(text_of(e).find("last 20 s in all (from the media properties), over the 15 s allowed") != std::string::npos);
  }
}

TEST_CASE("estimate: strict validation refuses what strict mode makes an error", "[estimate][strict]") {
  const json j = {{"model", "seedance-2.0-fast-text-to-video"}, {"prompt", "x"}, {"duration", 5}, {"ratio", "16:9"}};
  CHECK(estimate_cost(j).ok());  // unknown_field: a warning by default
  seedance::estimate_options strict;
  strict.validation.strict = true;
  const auto refused = estimate_cost(j, {}, strict);
  CHECK_FALSE(refused.ok());
  CHECK(refused.report.has(seedance::code::unknown_field, "/ratio"));
  CHECK_FALSE(seedance::estimate_cost_text(j.dump(), seedance::default_pricing(), {}, strict).ok());
}

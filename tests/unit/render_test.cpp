// The library's renderings and their options: the estimate (library and `seedance cost` layouts,
// strings or numbers, summary or listing text), the report (file, positions, file order, colour,
// extra diagnostics), the probe result (text and JSON) and the model catalogue. Expected values
// are written from docs/api.md and docs/cli.md, or computed from the objects rendered.
#include <catch2/catch.hpp>

#include <seedance/catalog.hpp>
#include <seedance/estimate.hpp>
#include <seedance/probe.hpp>
#include <seedance/probe_json.hpp>
#include <seedance/report.hpp>

#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace seedance;
using nlohmann::json;

namespace {

decimal dec(const char* s) { return *decimal::parse(s); }

cost_estimate estimate_of(const json& body) {
  estimate_result r = estimate_cost(body);
  REQUIRE(r.estimate);
  return *r.estimate;
}

const json reference_body = {
    {"model", "seedance-2.0-reference-to-video"}, {"prompt", "a dancer"}, {"video_urls", {"https://example.com/1.mp4"}}};
const json search_body = {
    {"model", "seedance-2.0-text-to-video"}, {"prompt", "news of today"}, {"duration", 5}, {"model_params", {{"web_search", true}}}};

std::set<std::string> keys(const json& j) {
  std::set<std::string> s;
  for (const auto& [k, v] : j.items()) s.insert(k);
  return s;
}

}  // namespace

TEST_CASE("cost_range_text: the tool's range, to the cent, one figure or 'or more'", "[render][estimate]") {
  const money lo{dec("1644300"), dec("164.43"), dec("16.443"), dec("2.4181")};
  const money hi{dec("2055375"), dec("205.5375"), dec("20.55375"), dec("3.02")};
  CHECK(cost_range_text(lo, hi, false) == "164.43 to 205.54 credits (CNY 16.44 to 20.55, USD 2.42 to 3.02)");
  CHECK(cost_range_text(lo, lo, false) == "164.43 credits (CNY 16.44, USD 2.42)");
  CHECK(cost_range_text(lo, hi, true) == "164.43 or more credits (CNY 16.44 or more, USD 2.42 or more)");
}

TEST_CASE("to_json(cost_estimate): the library's layout by default, the tool's with cli()", "[render][estimate][json]") {
  const cost_estimate e = estimate_of(reference_body);
  REQUIRE(e.max.uc != e.min.uc);  // a range: the duration of the reference video is not known
  const json lib = to_json(e, estimate_json_options{});
  CHECK(lib == json(e));  // nlohmann's conversion is the default form
  CHECK(keys(lib) == std::set<std::string>{"model", "min", "max", "open_upper_bound", "exact", "range_exact", "factor", "per_use",
                                           "components", "assumptions"});
  CHECK(lib.at("min").at("credits") == e.min.credits.to_string());
  CHECK(lib.at("min").at("cny") == e.min.cny.to_fixed(8));
  CHECK(lib.at("components").at(0).at("id") == e.components.at(0).id);
  CHECK(lib.at("assumptions").at(0).at("text") == e.assumptions.at(0).text);

  estimate_json_options numbers;
  numbers.numbers = true;
  const json num = to_json(e, numbers);
  CHECK(keys(num) == keys(lib));
  REQUIRE(num.at("min").at("credits").is_number());
  CHECK(num.at("min").at("credits").get<double>() == Approx(std::stod(e.min.credits.to_string())));
  CHECK(num.at("components").at(0).at("rate_uc").is_number_integer());  // a whole number is an integer

  const json cli = to_json(e, estimate_json_options::cli());
  CHECK(keys(cli) ==
        std::set<std::string>{"model", "credits", "cny", "usd", "exact", "range_exact", "components", "per_use", "assumptions"});
  CHECK(cli.at("credits").at("min").get<double>() == Approx(std::stod(e.min.credits.to_string())));
  CHECK(cli.at("credits").at("max").get<double>() == Approx(std::stod(e.max.credits.to_string())));
  const json& c = cli.at("components").at(0);
  CHECK(keys(c) == std::set<std::string>{"name", "unit", "tier", "quantity", "rate_uc", "amount_uc", "minimum_applied", "per_use"});
  CHECK(c.at("name") == e.components.at(0).id);
  CHECK(c.at("amount_uc").at("max") == e.components.at(0).amount_max_uc);
  CHECK(cli.at("assumptions").at(0) == e.assumptions.at(0).text);

  // no upper bound: max is null; a per-use price in credits, CNY and USD
  const cost_estimate s = estimate_of(search_body);
  REQUIRE(s.open_upper_bound);
  const json sj = to_json(s, estimate_json_options::cli());
  CHECK(sj.at("usd").at("max").is_null());
  REQUIRE(sj.at("per_use").size() == s.per_use.size());
  CHECK(keys(sj.at("per_use").at(0)) == std::set<std::string>{"component", "unit", "credits", "cny", "usd"});
  CHECK(json(s).at("per_use").at(0).at("price").at("credits") == s.per_use.at(0).price.credits.to_string());
}

TEST_CASE("to_text(cost_estimate): the summary by default, the tool's listing on request", "[render][estimate][text]") {
  const cost_estimate e = estimate_of(reference_body);
  CHECK(to_text(e) == to_text(e, estimate_text_options{}));
  CHECK_THAT(to_text(e), Catch::StartsWith(e.model + ": " + e.min.credits.to_string() + " to " + e.max.credits.to_string() + " credits ("));
  const std::string listing = to_text(e, {estimate_text_layout::listing});
  CHECK_THAT(listing, Catch::StartsWith(e.model + ": " + cost_range_text(e) + "\n  " + e.components.at(0).id + ": "));
  CHECK_THAT(listing, Catch::Contains("\n  assumes: " + e.assumptions.at(0).text + "\n"));
  CHECK_THAT(listing, !Catch::Contains("  - "));
  const cost_estimate s = estimate_of(search_body);
  const per_use_price& u = s.per_use.at(0);
  CHECK_THAT(to_text(s, {estimate_text_layout::listing}),
             Catch::Contains("\n  + " + u.price.credits.to_fixed(2) + " credits per " + u.unit + " (" + u.component + ")\n"));
}

TEST_CASE("to_text and to_json(report) with options: file, positions, file order, colour, extra diagnostics", "[render][report]") {
  report r;
  r.add(code::duration_out_of_range, "/duration", "duration 16 is outside 4..15 seconds", text_position{40, 4, 15});
  r.add(code::quality_unsupported, "/quality", "bad quality", text_position{20, 2, 3});
  r.add(code::too_few_media, "", "no image");  // no position
  const std::vector<extra_diagnostic> extra{
      {severity::error, "media_probe_failed", "/video_urls/0", "could not be probed", text_position{30, 3, 7}}};

  // the library's forms are unchanged by the new overloads
  CHECK(to_text(r) == to_text(r, report_text_options{}));
  CHECK_THAT(to_text(r), Catch::StartsWith("error[duration_out_of_range] /duration: duration 16 is outside 4..15 seconds\n"));
  CHECK(json(r) == to_json(r, report_json_options{}));

  report_text_options t;
  t.file = "a.json";
  t.positions = true;
  t.file_order = true;
  t.summary = false;
  t.extra = extra;
  CHECK(to_text(r, t) ==
        "a.json:2:3: error[quality_unsupported] /quality: bad quality\n"
        "a.json:3:7: error[media_probe_failed] /video_urls/0: could not be probed\n"
        "a.json:4:15: error[duration_out_of_range] /duration: duration 16 is outside 4..15 seconds\n"
        "a.json: error[too_few_media]: no image\n");
  t.colour = true;
  CHECK_THAT(to_text(r, t), Catch::StartsWith("\x1b[1ma.json:2:3:\x1b[0m \x1b[1;31merror\x1b[0m[quality_unsupported] /quality: "));
  report_text_options counted;
  counted.extra = extra;
  CHECK_THAT(to_text(r, counted),
             Catch::EndsWith("no image\nerror[media_probe_failed] /video_urls/0: could not be probed\n4 errors, 0 warnings\n"));

  report_json_options j;
  j.file_order = true;
  j.diagnostics_only = true;
  j.extra = extra;
  const json list = to_json(r, j);
  REQUIRE(list.is_array());
  REQUIRE(list.size() == 4);
  CHECK(list[1] == json{{"severity", "error"},
                        {"code", "media_probe_failed"},
                        {"path", "/video_urls/0"},
                        {"message", "could not be probed"},
                        {"line", 3},
                        {"column", 7}});
  CHECK(list[3].at("code") == "too_few_media");
  CHECK_FALSE(list[3].contains("line"));
  j.diagnostics_only = false;
  const json whole = to_json(r, j);
  CHECK(whole.at("errors") == 4);
  CHECK(whole.at("valid") == false);
  report clean;
  report_json_options only_extra;
  only_extra.extra = extra;
  CHECK(to_json(clean, only_extra).at("valid") == false);  // an extra error makes the request invalid
  CHECK(json(clean).at("valid") == true);
}

TEST_CASE("to_text and to_json(probe_result): docs/cli.md's forms", "[render][probe]") {
  image_probe i;
  i.format = media_format::jpeg;
  i.width = 4000;
  i.height = 3000;
  i.orientation = 6;
  probe_result img;
  img.value = i;
  img.bytes = 2345678;
  CHECK(to_text(img) == "image jpeg 3000x4000 (stored 4000x3000, EXIF orientation 6), 2345678 bytes");
  CHECK(json(img) == json{{"kind", "image"}, {"format", "jpeg"}, {"width", 3000}, {"height", 4000}, {"bytes", 2345678}});

  video_probe v;
  v.format = media_format::mp4;
  v.width = 1280;
  v.height = 720;
  v.duration = 5;
  v.fps = 23.976;
  probe_result vid;
  vid.value = v;
  vid.bytes = 1048576;
  CHECK(to_text(vid) == "video mp4 1280x720, 5.000 s, 23.976 fps, 1048576 bytes");
  CHECK(keys(json(vid)) == std::set<std::string>{"kind", "format", "width", "height", "duration", "fps", "rotation", "bytes"});
  v.rotation = 90;
  v.variable_frame_rate = true;
  vid.value = v;
  CHECK(to_text(vid) == "video mp4 720x1280, 5.000 s, 23.976 fps (rotated 90 degrees) (variable frame rate), 1048576 bytes");
  CHECK(json(vid).at("width") == 720);

  probe_result bad;
  bad.value = probe_error{probe_errc::truncated, "the file is empty"};
  CHECK(to_text(bad) == "error[truncated]: the file is empty");
  CHECK(json(bad) == json{{"error", {{"code", "truncated"}, {"message", "the file is empty"}}}});
}

TEST_CASE("catalog_json and catalog_text: a row per model of the table", "[render][models]") {
  const json all = catalog_json();
  REQUIRE(all.size() == model_catalog.size());
  for (std::size_t i = 0; i < model_catalog.size(); ++i) {
    const model_info& m = model_catalog[i];
    CHECK(all[i].at("id") == std::string(m.id));
    CHECK(all[i].at("videos") == json{{"min", m.videos.min}, {"max", m.videos.max}});
    CHECK(all[i].at("qualities").size() == static_cast<std::size_t>(m.supports(quality::p480) + m.supports(quality::p720) +
                                                                    m.supports(quality::p1080) + m.supports(quality::p4k)));
  }
  std::istringstream text(catalog_text());
  std::vector<std::string> lines;
  for (std::string line; std::getline(text, line);) lines.push_back(line);
  REQUIRE(lines.size() == model_catalog.size() + 1);
  CHECK_THAT(lines[0], Catch::StartsWith("MODEL  ") && Catch::Contains("  QUALITIES  ") && Catch::EndsWith("  WEB SEARCH"));
  CHECK_THAT(lines[1], Catch::StartsWith(std::string(model_catalog[0].id) + "  "));
}

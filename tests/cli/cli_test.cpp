// Tests of the `seedance` command-line tool: they run the built binary (SEEDANCE_CLI) and parse
// what it prints. Expected values come from the library called in this process, from the request
// files' own text, or are written out by hand; never from an earlier run of the tool.
#include <seedance/estimate.hpp>
#include <seedance/pricing_data.hpp>
#include <seedance/schema.hpp>
#include <seedance/spec.hpp>
#include <seedance/validate.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "../pricing/tiered_feed.hpp"
#include "../support/child_peak.hpp"
#include "../support/hostile_bodies.hpp"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const fs::path examples = fs::path(SEEDANCE_SOURCE_DIR) / "examples" / "requests";

/// A scratch directory for this test program's files.
const fs::path& scratch() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("seedance-cli-test-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path write(const std::string& name, const std::string& text) {
  const fs::path p = scratch() / name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct run_result {
  int exit = -1;
  std::string out, err;
  long max_rss_kib = 0;  // peak resident memory of the tool
};

/// Runs the tool with `args` (already quoted), standard input from `stdin_file` (or /dev/null).
run_result run(const std::string& args, const std::string& stdin_file = "/dev/null", const std::string& env = "") {
  static int n = 0;
  const fs::path out = scratch() / ("out" + std::to_string(++n));
  const fs::path err = scratch() / ("err" + std::to_string(n));
  const std::string cmd =
      env + " " + quote(SEEDANCE_CLI) + " " + args + " <" + quote(stdin_file) + " >" + quote(out.string()) + " 2>" + quote(err.string());
  run_result r;
  const int status = std::system(cmd.c_str());
  r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read(out);
  r.err = read(err);
  struct rusage ru {};
  ::getrusage(RUSAGE_CHILDREN, &ru);
  r.max_rss_kib = ru.ru_maxrss;  // the largest of all children so far: an upper bound for this one
  return r;
}

json parse_out(const run_result& r) {
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE_NOTHROW(json::parse(r.out));
  return json::parse(r.out);
}

std::vector<fs::path> example_files() {
  std::vector<fs::path> v;
  for (const auto& e : fs::directory_iterator(examples))
    if (e.path().extension() == ".json") v.push_back(e.path());
  std::sort(v.begin(), v.end());
  return v;
}

std::set<std::string> codes_of(const seedance::report& r) {
  std::set<std::string> s;
  for (const auto& d : r) s.insert(std::string(seedance::to_string(d.code)));
  return s;
}

std::set<std::string> codes_of(const json& diagnostics) {
  std::set<std::string> s;
  for (const json& d : diagnostics) s.insert(d.at("code").get<std::string>());
  return s;
}

}  // namespace

TEST_CASE("check --format json: one object per file, as the library validates it", "[cli][check]") {
  const auto files = example_files();
  REQUIRE(files.size() >= 8);
  std::string args = "check --format json";
  for (const auto& f : files) args += " " + quote(f.string());
  const run_result r = run(args);
  const json out = parse_out(r);
  REQUIRE(out.is_array());
  REQUIRE(out.size() == files.size());
  bool any_invalid = false;
  std::set<std::string> modes_valid, modes_invalid;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const json& o = out[i];
    INFO(files[i]);
    CHECK(o.at("file") == files[i].string());
    const seedance::report expected = seedance::validate(read(files[i]));
    CHECK(o.at("valid") == expected.ok());
    CHECK(codes_of(o.at("diagnostics")) == codes_of(expected));
    for (const json& d : o.at("diagnostics")) {
      CHECK((d.at("severity") == "error" || d.at("severity") == "warning"));
      CHECK(d.at("message").is_string());
      CHECK(d.at("path").is_string());
    }
    if (expected.ok()) {
      CHECK(o.at("estimate").is_object());
      CHECK(o.at("estimate").at("credits").at("min").is_number());
    } else {
      CHECK(o.at("estimate").is_null());
    }
    any_invalid = any_invalid || !expected.ok();
    const std::string model = json::parse(read(files[i])).at("model").get<std::string>();
    const auto* m = seedance::find_model(model);
    REQUIRE(m);
    (expected.ok() ? modes_valid : modes_invalid).insert(std::string(seedance::to_string(m->mode)));
  }
  CHECK(any_invalid);
  CHECK(r.exit == 1);
  // The examples hold valid and invalid requests of every mode (the README's demo runs them).
  CHECK(modes_valid.size() == 3);
  CHECK(modes_invalid.size() == 3);
}

TEST_CASE("check: exit status 0 when every file is valid, 1 when one is not", "[cli][check][exit]") {
  CHECK(run("check " + quote((examples / "text-to-video.json").string())).exit == 0);
  CHECK(run("check " + quote((examples / "text-to-video.json").string()) + " " +
            quote((examples / "invalid-fast-text-to-video-1080p.json").string()))
            .exit == 1);
  // warnings do not fail a file
  const fs::path warn = write("warning.json", R"({"model": "seedance-2.0-reference-to-video", "prompt": "a cat"})");
  const run_result w = run("check --format json " + quote(warn.string()));
  CHECK(w.exit == 0);
  CHECK(parse_out(w)[0].at("diagnostics")[0].at("severity") == "warning");
}

TEST_CASE("check: line and column of each diagnostic in a multi-line file", "[cli][check][position]") {
  const std::string text =
      "{\n"
      "  \"model\": \"seedance-2.0-fast-text-to-video\",\n"
      "  \"prompt\": \"城市日落\",\n"
      "    \"duration\":   16,\n"
      "  \"quality\": \"4k\"\n"
      "}\n";
  const fs::path f = write("lines.json", text);
  const json out = parse_out(run("check --format json " + quote(f.string())));
  std::map<std::string, std::pair<int, int>> at;
  for (const json& d : out[0].at("diagnostics")) at[d.at("path")] = {d.at("line").get<int>(), d.at("column").get<int>()};
  // Written out by hand: line 4 is `    "duration":   16,` (16 at byte column 19); line 5 is
  // `  "quality": "4k"` (the string at byte column 14).
  CHECK(at.at("/duration") == std::pair<int, int>{4, 19});
  CHECK(at.at("/quality") == std::pair<int, int>{5, 14});
  // and in the text format, FILE:LINE:COL: severity[code] /path: message
  const run_result t = run("check " + quote(f.string()));
  CHECK(t.exit == 1);
  CHECK_THAT(t.out, Catch::Contains(f.string() + ":4:19: error[duration_out_of_range] /duration: "));
  CHECK_THAT(t.out, Catch::Contains(f.string() + ":5:14: error[quality_unsupported] /quality: "));
  CHECK_THAT(t.out, Catch::Contains("1 file checked: 0 valid, 1 invalid (2 errors, 0 warnings)"));
  CHECK(t.out.find('\x1b') == std::string::npos);  // not a terminal: no colour
}

TEST_CASE("check: diagnostics in the order of their place in the file, those without one last", "[cli][check][position]") {
  // The rules find the missing prompt first (it has no place in the file) and the web search
  // after the callback URL; the tool lists them in the file's order.
  const std::string text =
      "{\n"
      "  \"model\": \"seedance-2.0-fast-image-to-video\",\n"
      "  \"quality\": \"1080p\",\n"
      "  \"model_params\": {\"web_search\": true},\n"
      "  \"callback_url\": \"http://example.com/cb\",\n"
      "  \"image_urls\": [\"https://example.com/a.png\"]\n"
      "}\n";
  const fs::path f = write("order.json", text);
  const json out = parse_out(run("check --format json " + quote(f.string())));
  std::vector<std::string> paths;
  for (const json& d : out[0].at("diagnostics")) paths.push_back(d.at("path"));
  // By hand: /quality is on line 3, /model_params/web_search on 4, /callback_url on 5; /prompt is missing.
  const std::vector<std::string> expected{"/quality", "/model_params/web_search", "/callback_url", "/prompt"};
  CHECK(paths == expected);
  const run_result t = run("check " + quote(f.string()));
  const std::size_t q = t.out.find(":3:"), w = t.out.find(":4:"), c = t.out.find(":5:"), p = t.out.find("/prompt");
  REQUIRE(q != std::string::npos);
  REQUIRE(w != std::string::npos);
  REQUIRE(c != std::string::npos);
  REQUIRE(p != std::string::npos);
  CHECK(q < w);
  CHECK(w < c);
  CHECK(c < p);
}

TEST_CASE("check: invalid JSON is placed where the parser stopped", "[cli][check][position]") {
  const fs::path f = write("broken.json", "{\n  \"model\": \"seedance-2.0-text-to-video\",\n  \"prompt\": \"x\",,\n}\n");
  const json out = parse_out(run("check --format json " + quote(f.string())));
  const json& d = out[0].at("diagnostics").at(0);
  CHECK(d.at("code") == "invalid_json");
  CHECK(d.at("line") == 3);
  CHECK(d.at("column") == 17);  // the second ',' of `  "prompt": "x",,`
}

TEST_CASE("check - reads standard input", "[cli][check][stdin]") {
  const run_result r = run("check --format json -", (examples / "invalid-image-to-video-no-image.json").string());
  CHECK(r.exit == 1);
  const json out = parse_out(r);
  CHECK(out[0].at("file") == "-");
  CHECK(codes_of(out[0].at("diagnostics")) == std::set<std::string>{"callback_not_https", "too_few_media"});
  CHECK(run("check -", (examples / "text-to-video.json").string()).exit == 0);
}

TEST_CASE("cost --format json: the contract's shape, a range for unknown input, null max for web search", "[cli][cost]") {
  const fs::path search =
      write("search.json",
            R"({"model": "seedance-2.0-text-to-video", "prompt": "news of today", "duration": 5, "model_params": {"web_search": true}})");
  const run_result r = run("cost --format json " + quote((examples / "text-to-video.json").string()) + " " +
                           quote((examples / "reference-to-video.json").string()) + " " + quote(search.string()));
  CHECK(r.exit == 0);
  const json out = parse_out(r);
  REQUIRE(out.size() == 3);
  for (const json& o : out) {
    for (const char* k : {"file", "model", "credits", "cny", "usd", "components", "assumptions"}) {
      INFO(k);
      CHECK(o.contains(k));
    }
    for (const json& a : o.at("assumptions")) CHECK(a.is_string());
    // CNY = credits x 0.1 and USD = CNY / 6.8 (the defaults)
    CHECK(o.at("cny").at("min").get<double>() == Approx(o.at("credits").at("min").get<double>() * 0.1));
    CHECK(o.at("usd").at("min").get<double>() == Approx(o.at("cny").at("min").get<double>() / 6.8));
  }
  // text-to-video, 8 s at 720p: decided by the request
  CHECK(out[0].at("credits").at("min") == out[0].at("credits").at("max"));
  // whole numbers are JSON integers: the rate of 135,000 uc per second, 8 s x 13.5 = 108 credits
  const json& rate = out[0].at("components").at(0).at("rate_uc");
  CHECK(rate.is_number_integer());
  CHECK(rate == 135000);
  CHECK(out[0].at("credits").at("min").is_number_integer());
  CHECK(out[0].at("credits").at("min") == 108);
  // others keep their digits: 164.43 credits at the low end of the reference-to-video range (docs/spec.md section 6)
  CHECK(out[1].at("credits").at("min").is_number_float());
  CHECK(out[1].at("credits").at("min").dump() == "164.43");
  // reference-to-video with a reference video of unknown length: a range
  CHECK(out[1].at("credits").at("min").get<double>() < out[1].at("credits").at("max").get<double>());
  // web search: no upper bound
  CHECK(out[2].at("credits").at("max").is_null());
  CHECK(out[2].at("usd").at("max").is_null());
}

TEST_CASE("cost: an invalid request gets the error and the diagnostics, and exit 1", "[cli][cost]") {
  const run_result r = run("cost --format json " + quote((examples / "invalid-eight-problems.json").string()));
  CHECK(r.exit == 1);
  const json out = parse_out(r);
  CHECK(out[0].contains("error"));
  CHECK_FALSE(out[0].contains("credits"));
  CHECK(out[0].at("diagnostics").size() == 8);
}

TEST_CASE("cost --pricing: a feed file replaces the built-in table", "[cli][cost][pricing]") {
  // The built-in table's own feed text, as a file.
  const std::string feed = write("feed.json", std::string(seedance::default_pricing_feed)).string();
  const std::string req = quote((examples / "text-to-video.json").string());
  const json built_in = parse_out(run("cost --format json " + req));
  const json from_file = parse_out(run("cost --format json --pricing " + quote(feed) + " " + req));
  CHECK(from_file[0].at("credits") == built_in[0].at("credits"));
  // The same feed with every rate doubled: twice the price.
  json doubled = json::parse(read(feed));
  int changed = 0;
  const std::function<void(json&)> twice = [&](json& j) {
    if (j.is_object()) {
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.key() == "rate" && it->is_object() && it->contains("uc")) {
          json& uc = (*it)["uc"];
          if (uc.is_string()) {
            uc = std::to_string(std::stoll(uc.get<std::string>()) * 2);
            ++changed;
          } else if (uc.is_number_integer()) {
            uc = uc.get<long long>() * 2;
            ++changed;
          }
        } else {
          twice(*it);
        }
      }
    } else if (j.is_array()) {
      for (json& e : j) twice(e);
    }
  };
  twice(doubled);
  REQUIRE(changed > 0);
  const fs::path doubled_file = write("doubled.json", doubled.dump());
  const json d = parse_out(run("cost --format json --pricing " + quote(doubled_file.string()) + " " + req));
  CHECK(d[0].at("credits").at("min").get<double>() == Approx(2 * built_in[0].at("credits").at("min").get<double>()));
  // A feed with an unknown operator is a load error: exit 2, the reason on stderr.
  std::string bad = read(feed);
  const auto op = bad.find("\"op\"");
  REQUIRE(op != std::string::npos);
  const auto value = bad.find('"', bad.find(':', op) + 1);
  bad.replace(value + 1, bad.find('"', value + 1) - value - 1, "frobnicate");
  const run_result b = run("cost --pricing " + quote(write("bad-feed.json", bad).string()) + " " + req);
  CHECK(b.exit == 2);
  CHECK_THAT(b.err, Catch::Contains("frobnicate"));
}

TEST_CASE("cost --pricing: a tiered feed names the selected tier", "[cli][cost][pricing][tiers]") {
  // The shipped rows rewritten into per-quality tiers (same prices). 8 s of 1080p image-to-video:
  // the tier 4001-1080p, 135000 x 2.5 = 337500 uc per second, 8 x 337500 = 2700000 uc.
  const fs::path feed = write("tiered-feed.json", seedance_test::tiered_feed().dump());
  const json body = {{"model", "seedance-2.0-image-to-video"},
                     {"prompt", "a cat"},
                     {"duration", 8},
                     {"quality", "1080p"},
                     {"image_urls", {"https://example.com/a.jpg"}}};
  const std::string req = quote(write("tiered-request.json", body.dump()).string());
  const run_result text = run("cost --pricing " + quote(feed.string()) + " " + req);
  CHECK(text.exit == 0);
  CHECK_THAT(text.out, Catch::Contains("  video_output [tier 4001-1080p]: 8 output_second x 337500 uc = 2700000 uc\n"));
  const json j = parse_out(run("cost --format json --pricing " + quote(feed.string()) + " " + req));
  CHECK(j[0].at("credits").at("min") == 270);
  CHECK(j[0].at("components").at(0).at("tier").at("sku_id") == "4001-1080p");
  CHECK(j[0].at("components").at(0).at("tier").at("multiplier") == 2.5);
  CHECK(j[0].at("components").at(0).at("tier").at("minimum_uc") == 250020);
  CHECK(j[0].at("range_exact") == true);
  // the built-in table has no tiers: the same price, no tier, and the quantity in seconds x factor
  const run_result flat = run("cost " + req);
  CHECK_THAT(flat.out, Catch::Contains("  video_output: 20 output_second x 135000 uc = 2700000 uc\n"));
  CHECK(parse_out(run("cost --format json " + req))[0].at("components").at(0).at("tier").is_null());
}

TEST_CASE("models: the nine models, as the library's table has them", "[cli][models]") {
  const run_result r = run("models --format json");
  CHECK(r.exit == 0);
  const json out = parse_out(r);
  REQUIRE(out.size() == seedance::model_catalog.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    const seedance::model_info& m = seedance::model_catalog[i];
    CHECK(out[i].at("id") == std::string(m.id));
    CHECK(out[i].at("web_search") == m.web_search);
    CHECK(out[i].at("images").at("max") == m.images.max);
    const auto q = out[i].at("qualities").get<std::vector<std::string>>();
    CHECK((std::find(q.begin(), q.end(), "1080p") != q.end()) == (m.tier == seedance::tier::standard));
  }
  const run_result t = run("models");
  CHECK(t.exit == 0);
  std::istringstream lines(t.out);
  std::string line;
  std::vector<std::string> all;
  while (std::getline(lines, line)) all.push_back(line);
  REQUIRE(all.size() == 10);  // a header and nine rows
  // aligned: every row's tier column starts where the header's TIER does
  const auto col = all[0].find("TIER");
  for (std::size_t i = 1; i < all.size(); ++i) {
    const std::string tier = all[i].substr(col, all[i].find(' ', col) - col);
    CHECK((tier == "standard" || tier == "fast" || tier == "mini"));
  }
}

TEST_CASE("models: the text table of docs/cli.md, byte for byte", "[cli][models][text]") {
  // docs/cli.md: a header, then a line per model; columns aligned, two spaces apart, none after the
  // last; counts N or MIN-MAX, "-" when none is allowed; qualities separated by spaces; yes or no.
  std::vector<std::vector<std::string>> rows{{"MODEL", "MODE", "TIER", "IMAGES", "VIDEOS", "AUDIOS", "QUALITIES", "WEB SEARCH"}};
  const auto count = [](const seedance::count_range& r) {
    return r.max == 0 ? std::string("-") : r.min == r.max ? std::to_string(r.min) : std::to_string(r.min) + "-" + std::to_string(r.max);
  };
  for (const seedance::model_info& m : seedance::model_catalog) {
    std::string q;
    using seedance::quality;
    for (const auto& [v, name] : std::vector<std::pair<quality, std::string>>{
             {quality::p480, "480p"}, {quality::p720, "720p"}, {quality::p1080, "1080p"}, {quality::p4k, "4k"}})
      if (m.supports(v)) q += (q.empty() ? "" : " ") + name;
    rows.push_back({std::string(m.id), std::string(seedance::to_string(m.mode)), std::string(seedance::to_string(m.tier)), count(m.images),
                    count(m.videos), count(m.audios), q, m.web_search ? "yes" : "no"});
  }
  std::vector<std::size_t> width(rows[0].size());
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
  std::string expected;
  for (const auto& r : rows) {
    for (std::size_t i = 0; i + 1 < r.size(); ++i) expected += r[i] + std::string(width[i] - r[i].size() + 2, ' ');
    expected += r.back() + "\n";
  }
  const run_result t = run("models");
  CHECK(t.exit == 0);
  CHECK(t.out == expected);
  CHECK_THAT(t.out, Catch::Contains("seedance-2.0-text-to-video") && Catch::Contains("WEB SEARCH\n"));
}

TEST_CASE("schema: one model's, all nine, and an unknown id", "[cli][schema]") {
  const json all = parse_out(run("schema"));
  CHECK(all == seedance::json_schema_all());
  const json one = parse_out(run("schema seedance-2.0-fast-image-to-video"));
  CHECK(one == *seedance::json_schema("seedance-2.0-fast-image-to-video"));
  const run_result bad = run("schema seedance-3.0");
  CHECK(bad.exit == 2);
  CHECK(bad.out.empty());
  CHECK_THAT(bad.err, Catch::Contains("seedance-2.0-text-to-video"));
  // the id as the library quotes values for messages: a quote or a control character escaped
  const run_result odd = run("schema " + quote(std::string("a\"b\x01") + "c"));
  CHECK(odd.exit == 2);
  CHECK_THAT(odd.err, Catch::Contains("unknown model id \"a\\x22b\\x01c\"; the models are:"));
}

TEST_CASE("usage errors and unreadable files exit 2 with the reason on stderr", "[cli][exit]") {
  const auto expect2 = [](const run_result& r) {
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exit == 2);
    CHECK(r.err.rfind("seedance: ", 0) == 0);  // CLI11's messages too
  };
  expect2(run(""));                                   // no command
  expect2(run("frobnicate"));                         // unknown command
  expect2(run("check"));                              // no FILE
  expect2(run("check --format xml x.json"));          // bad format
  expect2(run("check --media nonsense x.json"));      // not URL=PATH
  expect2(run("check " + quote((scratch() / "absent.json").string())));
  expect2(run("check " + quote(scratch().string())));  // a directory
  expect2(run("probe " + quote(scratch().string())));
  // an unreadable file among readable ones: still 2, the readable ones are reported, and the
  // unreadable one has an error object (one object per FILE)
  const std::string absent = (scratch() / "absent.json").string();
  for (const char* command : {"check", "cost"}) {
    INFO(command);
    const run_result mixed =
        run(std::string(command) + " --format json " + quote((examples / "text-to-video.json").string()) + " " + quote(absent));
    CHECK(mixed.exit == 2);
    const json out = parse_out(mixed);
    REQUIRE(out.size() == 2);
    CHECK(out[0].at("file") == (examples / "text-to-video.json").string());
    CHECK(out[0].contains("credits") == (std::string(command) == "cost"));
    CHECK(out[1].at("file") == absent);
    CHECK(out[1].at("error").at("code") == "io_error");
    CHECK(out[1].at("error").at("message").is_string());
    CHECK_FALSE(out[1].contains("valid"));
    CHECK_FALSE(out[1].contains("diagnostics"));
  }
  // and in the text summary
  const run_result text = run("check " + quote((examples / "text-to-video.json").string()) + " " + quote(absent));
  CHECK(text.exit == 2);
  CHECK_THAT(text.out, Catch::Contains("2 files checked: 1 valid, 0 invalid, 1 unreadable (0 errors, 0 warnings)"));
  CHECK_THAT(text.err, Catch::Contains("absent.json"));
  CHECK(run("--help").exit == 0);
}

TEST_CASE("hostile input: huge, binary, deep, a FIFO: a clear answer in bounded memory", "[cli][hostile]") {
  // 1 GB (sparse): not read; body_too_large.
  const fs::path big = scratch() / "big.json";
  { std::ofstream(big) << "{"; }
  fs::resize_file(big, 1ULL << 30);
  run_result r = run("check --format json " + quote(big.string()));
  CHECK(r.exit == 1);
  CHECK(parse_out(r)[0].at("diagnostics")[0].at("code") == "body_too_large");
  CHECK(r.max_rss_kib < 256 * 1024);
  fs::remove(big);
  // binary garbage
  std::string garbage;
  for (int i = 0; i < 100000; ++i) garbage += static_cast<char>((i * 7919) % 256);
  r = run("check --format json " + quote(write("garbage.bin", garbage).string()));
  CHECK(r.exit == 1);
  CHECK(parse_out(r)[0].at("diagnostics")[0].at("code") == "invalid_json");
  // 1,000,000 nested arrays: deeper than the library's nesting bound, so not parsed
  const std::string bound = std::to_string(seedance::validation_bounds::max_json_depth);
  r = run("check --format json " + quote(write("deep.json", std::string(1000000, '[') + std::string(1000000, ']')).string()));
  CHECK(r.exit == 1);
  json d = parse_out(r)[0].at("diagnostics")[0];
  CHECK(d.at("code") == "invalid_json");
  CHECK_THAT(d.at("message").get<std::string>(), Catch::Contains(bound));
  CHECK(r.max_rss_kib < 1024 * 1024);
  // nested as deep as the bound allows: parsed, and not an object
  const std::size_t depth = seedance::validation_bounds::max_json_depth;
  r = run("check --format json " + quote(write("deep-ok.json", std::string(depth, '[') + std::string(depth, ']')).string()));
  CHECK(r.exit == 1);
  CHECK(parse_out(r)[0].at("diagnostics")[0].at("code") == "not_an_object");
  // a FIFO with no writer: read as empty, not waited on
  const fs::path fifo = scratch() / "fifo";
  fs::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  r = run("check --format json " + quote(fifo.string()));
  CHECK(r.exit == 1);
  CHECK(parse_out(r)[0].at("diagnostics")[0].at("code") == "invalid_json");
  CHECK_THAT(parse_out(r)[0].at("diagnostics")[0].at("message").get<std::string>(), Catch::Contains("empty"));
  // probing garbage: an error object, exit 1
  r = run("probe --format json " + quote(write("garbage2.bin", garbage).string()));
  CHECK(r.exit == 1);
  CHECK(parse_out(r)[0].at("error").at("code") == "unrecognized_format");
}

TEST_CASE("the tool writes nothing but its output", "[cli][hostile]") {
  // Runs every command in an empty directory and checks that the directory stays empty.
  const fs::path dir = scratch() / "empty";
  fs::create_directories(dir);
  const std::string req = quote((examples / "reference-to-video.json").string());
  for (const std::string& args : std::vector<std::string>{"check " + req, "cost " + req, "models", "schema", "probe " + req}) {
    const std::string cmd = "cd " + quote(dir.string()) + " && " + quote(SEEDANCE_CLI) + " " + args + " >/dev/null 2>&1";
    (void)std::system(cmd.c_str());
  }
  CHECK(fs::is_empty(dir));
}

namespace {
/// The text format's money: "164.43 to 205.54 credits (CNY 16.44 to 20.55, USD 2.42 to 3.02)" (docs/cli.md).
std::string money_text(const seedance::money& lo, const seedance::money& hi, bool open) {
  const auto range = [open](const seedance::decimal& a, const seedance::decimal& b) {
    if (open) return a.to_fixed(2) + " or more";
    return a == b ? a.to_fixed(2) : a.to_fixed(2) + " to " + b.to_fixed(2);
  };
  return range(lo.credits, hi.credits) + " credits (CNY " + range(lo.cny, hi.cny) + ", USD " + range(lo.usd, hi.usd) + ")";
}

seedance::money sum(const seedance::money& a, const seedance::money& b) {
  return {*add(a.uc, b.uc), *add(a.credits, b.credits), *add(a.cny, b.cny), *add(a.usd, b.usd)};
}

/// The built-in feed without the rows of `model`: a table that cannot price it.
std::string feed_without(const std::string& model) {
  json feed = json::parse(seedance::default_pricing_feed);
  json& models = feed.at("models");
  const auto before = models.size();
  models.erase(std::remove_if(models.begin(), models.end(), [&](const json& m) { return m.at("model_id") == model; }), models.end());
  REQUIRE(models.size() < before);
  return feed.dump();
}
}  // namespace

TEST_CASE("cost: text output, one block per file, then a summary with the total", "[cli][cost][text]") {
  const fs::path search =
      write("search-text.json",
            R"({"model": "seedance-2.0-text-to-video", "prompt": "news of today", "duration": 5, "model_params": {"web_search": true}})");
  const std::vector<fs::path> priced{examples / "text-to-video.json", examples / "reference-to-video.json", search};
  const fs::path invalid = examples / "invalid-eight-problems.json";
  std::string args;
  for (const auto& f : priced) args += " " + quote(f.string());
  args += " " + quote(invalid.string());
  const run_result r = run("cost" + args);
  INFO(r.out);
  CHECK(r.exit == 1);
  const json as_json = parse_out(run("cost --format json" + args));
  REQUIRE(as_json.size() == 4);
  std::optional<seedance::money> min, max;
  bool open = false;
  for (std::size_t i = 0; i < priced.size(); ++i) {
    const seedance::estimate_result er = seedance::estimate_cost(json::parse(read(priced[i])));
    REQUIRE(er.estimate);
    const seedance::cost_estimate& e = *er.estimate;
    // FILE: MODEL: the range, then a line per component and per assumption
    CHECK_THAT(r.out, Catch::Contains(priced[i].string() + ": " + e.model + ": " + money_text(e.min, e.max, e.open_upper_bound) + "\n"));
    for (const json& c : as_json[i].at("components")) CHECK_THAT(r.out, Catch::Contains("\n  " + c.at("name").get<std::string>() + ": "));
    for (const seedance::assumption& a : e.assumptions) CHECK_THAT(r.out, Catch::Contains("\n  assumes: " + a.text + "\n"));
    for (const seedance::per_use_price& u : e.per_use)
      CHECK_THAT(r.out, Catch::Contains("\n  + " + u.price.credits.to_fixed(2) + " credits per " + u.unit + " (" + u.component + ")\n"));
    min = min ? sum(*min, e.min) : e.min;
    max = max ? sum(*max, e.max) : e.max;
    open = open || e.open_upper_bound;
  }
  CHECK(open);  // the web search request has no upper bound: nor has the total
  // an invalid request: its diagnostics, and no estimate
  const seedance::report bad = seedance::validate(read(invalid));
  CHECK_THAT(r.out,
             Catch::Contains(invalid.string() + ": no estimate: the request is invalid (" + std::to_string(bad.errors()) + " errors)"));
  CHECK_THAT(r.out, Catch::Contains(invalid.string() + ":"));
  // the summary, last
  const std::string summary = "4 files estimated: 3 priced, 1 invalid; total " + money_text(*min, *max, open) + "\n";
  REQUIRE(r.out.size() >= summary.size());
  CHECK(r.out.substr(r.out.size() - summary.size()) == summary);
  // one file, exact: the total is its price
  const run_result one = run("cost " + quote(priced[0].string()));
  CHECK(one.exit == 0);
  const seedance::cost_estimate e0 = *seedance::estimate_cost(json::parse(read(priced[0]))).estimate;
  CHECK_THAT(one.out, Catch::Contains("1 file estimated: 1 priced; total " + money_text(e0.min, e0.max, false) + "\n"));
}

TEST_CASE("check and cost: a valid request the pricing table cannot price", "[cli][cost][pricing][exit]") {
  const fs::path feed = write("feed-without-t2v.json", feed_without("seedance-2.0-text-to-video"));
  const std::string req = quote((examples / "text-to-video.json").string());
  // check: valid is valid (exit 0); the estimate is null, with the reason
  const run_result c = run("check --format json --pricing " + quote(feed.string()) + " " + req);
  CHECK(c.exit == 0);
  const json co = parse_out(c);
  CHECK(co[0].at("valid") == true);
  CHECK(co[0].at("estimate").is_null());
  CHECK(co[0].at("estimate_error").at("code") == "not_priced");
  CHECK_FALSE(co[0].at("estimate_error").at("message").get<std::string>().empty());
  const run_result ct = run("check --pricing " + quote(feed.string()) + " " + req);
  CHECK(ct.exit == 0);
  CHECK_THAT(ct.out, Catch::Contains(": valid, no estimate: "));
  // cost: no price is a failure of `cost` (exit 1)
  const run_result p = run("cost --format json --pricing " + quote(feed.string()) + " " + req);
  CHECK(p.exit == 1);
  const json po = parse_out(p);
  CHECK(po[0].at("error").at("code") == "not_priced");
  CHECK(po[0].at("diagnostics").is_array());
  CHECK_THAT(run("cost --pricing " + quote(feed.string()) + " " + req).out, Catch::Contains("0 priced, 1 not priced"));
}

TEST_CASE("output that cannot be written is exit 2 with the reason; schema \"\" is an unknown id", "[cli][exit]") {
  // /dev/full: every write fails with ENOSPC (a full disk)
  for (const std::string& cmd : {"check " + quote((examples / "text-to-video.json").string()), std::string("models --format json"),
                                 std::string("schema seedance-2.0-text-to-video")}) {
    INFO(cmd);
    const fs::path err = scratch() / "full.err";
    const int status = std::system((quote(SEEDANCE_CLI) + " " + cmd + " </dev/null >/dev/full 2>" + quote(err.string())).c_str());
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
    CHECK_THAT(read(err), Catch::Contains("cannot write the output"));
  }
  const run_result empty = run("schema ''");
  CHECK(empty.exit == 2);
  CHECK_THAT(empty.err, Catch::Contains("unknown model id \"\""));
  CHECK(run("schema").exit == 0);  // no id at all: all nine
}

TEST_CASE("standard input given more than once is a usage error", "[cli][stdin][exit]") {
  for (const char* command : {"check", "cost", "probe", "check --format json", "probe --format json"}) {
    INFO(command);
    const run_result r = run(std::string(command) + " - " + quote((examples / "text-to-video.json").string()) + " -",
                             (examples / "text-to-video.json").string());
    CHECK(r.exit == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::Contains("seedance: standard input given more than once"));
  }
  CHECK(run("check -", (examples / "text-to-video.json").string()).exit == 0);
}

TEST_CASE("a file name that is not UTF-8 does not spoil the JSON output", "[cli][json]") {
  const std::string name = "bad\xff.json";
  const fs::path f = write(name, read(examples / "text-to-video.json"));
  REQUIRE(fs::exists(f));
  for (const char* command : {"check", "cost", "probe"}) {
    INFO(command);
    const run_result r = run(std::string(command) + " --format json " + quote(f.string()));
    CHECK(r.exit == (std::string(command) == "probe" ? 1 : 0));  // a request is no media: probe fails
    const json out = parse_out(r);
    REQUIRE(out.size() == 1);
    const std::string file = out[0].at("file").get<std::string>();
    CHECK_THAT(file, Catch::Contains("bad\xEF\xBF\xBD.json"));  // the byte 0xFF as U+FFFD
  }
  // text output keeps the name's own bytes, as a compiler would
  CHECK_THAT(run("check " + quote(f.string())).out, Catch::Contains(f.string() + ": valid"));
}

TEST_CASE("colour only on a terminal, and never with NO_COLOR set", "[cli][text][colour]") {
  if (std::system("command -v script >/dev/null 2>&1") != 0) {
    WARN("util-linux script(1) is not installed: colour on a terminal is not tested");
    return;
  }
  const std::string file = quote((examples / "invalid-fast-text-to-video-1080p.json").string());
  // Runs the tool on a pseudo-terminal (script -e returns the tool's exit status).
  const auto on_pty = [&](const std::string& env) {
    const std::string inner = env + " " + quote(SEEDANCE_CLI) + " check " + file;
    const fs::path out = scratch() / "pty.out";
    const std::string cmd = "script -qec " + quote(inner) + " /dev/null </dev/null >" + quote(out.string()) + " 2>&1";
    const int status = std::system(cmd.c_str());
    return std::pair<int, std::string>{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read(out)};
  };
  const auto [rc, coloured] = on_pty("env -u NO_COLOR");
  INFO(coloured);
  CHECK(rc == 1);
  CHECK_THAT(coloured, Catch::Contains("\x1b[") && Catch::Contains("error"));
  const auto [rc_empty, empty] = on_pty("env NO_COLOR=");  // set but empty: colour (no-color.org)
  CHECK(rc_empty == 1);
  CHECK_THAT(empty, Catch::Contains("\x1b["));
  const auto [rc_no, plain] = on_pty("env NO_COLOR=1");
  CHECK(rc_no == 1);
  CHECK_THAT(plain, Catch::Contains("error[duration_out_of_range]"));
  CHECK(plain.find('\x1b') == std::string::npos);
  // not a terminal: no colour, NO_COLOR or not
  CHECK(run("check " + file, "/dev/null", "env -u NO_COLOR").out.find('\x1b') == std::string::npos);
}

TEST_CASE("check --media for a URL that no request has: a warning on stderr", "[cli][media]") {
  const std::string url = "https://cdn.example.com/nowhere.mp4";
  const run_result r = run("check --media " + quote(url + "=" + (scratch() / "absent.mp4").string()) + " " +
                           quote((examples / "text-to-video.json").string()));
  CHECK(r.exit == 0);  // not in the request: not probed
  CHECK_THAT(r.err, Catch::Contains("seedance: warning: --media " + url));
}

TEST_CASE("hostile input: streams over the limit, /dev/zero, a FIFO to probe", "[cli][hostile][stdin]") {
  REQUIRE(fs::exists("/dev/zero"));
  const std::string limit = std::to_string(seedance::limits::body_max_bytes);
  // A request stream longer than the body limit: cut there, body_too_large
  run_result r = run("check --format json -", "/dev/zero");
  CHECK(r.exit == 1);
  json d = parse_out(r)[0].at("diagnostics")[0];
  CHECK(d.at("code") == "body_too_large");
  CHECK_THAT(d.at("message").get<std::string>(), Catch::Contains(limit));
  CHECK_THAT(d.at("message").get<std::string>(), !Catch::Contains("more bytes than that"));
  r = run("cost --format json /dev/zero");
  CHECK(r.exit == 1);
  CHECK(parse_out(r)[0].at("diagnostics")[0].at("code") == "body_too_large");
  // Probing a stream longer than the limit: the tool cannot read it whole (exit 2), and says so
  for (const auto& [args, in] : std::vector<std::pair<std::string, std::string>>{{"-", "/dev/zero"}, {"/dev/zero", "/dev/null"}}) {
    INFO(args);
    r = run("probe --format json " + args, in);
    CHECK(r.exit == 2);
    const json e = parse_out(r)[0].at("error");
    CHECK(e.at("code") == "io_error");
    CHECK_THAT(e.at("message").get<std::string>(), Catch::Contains(limit));
    CHECK_THAT(e.at("message").get<std::string>(), !Catch::Contains("empty"));
    CHECK_THAT(r.err, Catch::Contains("seedance: "));
  }
  // Probing a FIFO without a writer: empty, not waited on
  const fs::path fifo = scratch() / "probe-fifo";
  fs::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  r = run("probe --format json " + quote(fifo.string()));
  CHECK(r.exit == 1);
  const json e = parse_out(r)[0].at("error");
  CHECK(e.at("code") == "truncated");
  CHECK_THAT(e.at("message").get<std::string>(), Catch::Contains("empty") && Catch::Contains("FIFO"));
  // and the text output's summary
  r = run("probe " + quote(fifo.string()));
  CHECK_THAT(r.out, Catch::Contains("1 file probed: 0 read, 1 failed\n"));
}

TEST_CASE("probe: the text line and the JSON object of docs/cli.md for an audio file", "[cli][probe][text]") {
  // A WAV of 1 second: 8000 Hz, mono, 8-bit PCM, 8000 bytes of data after the 44-byte header.
  const auto le = [](std::uint32_t v, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>((v >> (8 * i)) & 0xffU);
    return s;
  };
  const std::string wav = "RIFF" + le(36 + 8000, 4) + "WAVE" + "fmt " + le(16, 4) + le(1, 2) + le(1, 2) + le(8000, 4) + le(8000, 4) +
                          le(1, 2) + le(8, 2) + "data" + le(8000, 4) + std::string(8000, '\x80');
  const fs::path f = write("one-second.wav", wav);
  const run_result t = run("probe " + quote(f.string()));
  CHECK(t.exit == 0);
  CHECK(t.out == f.string() + ": audio wav 1.000 s, 8044 bytes\n1 file probed: 1 read, 0 failed\n");
  const run_result j = run("probe --format json " + quote(f.string()));
  CHECK(j.exit == 0);
  CHECK(parse_out(j) ==
        json::parse(R"([{"file": ")" + f.string() + R"(", "kind": "audio", "format": "wav", "duration": 1.0, "bytes": 8044}])"));
  // a file no probe reads: the error line and object, exit 1
  const fs::path junk = write("junk.bin", "not a media file at all");
  const run_result e = run("probe " + quote(junk.string()));
  CHECK(e.exit == 1);
  CHECK_THAT(e.out, Catch::StartsWith(junk.string() + ": error[unrecognized_format]: "));
  const json ej = parse_out(run("probe --format json " + quote(junk.string())));
  CHECK(ej[0].size() == 2);
  CHECK(ej[0].at("file") == junk.string());
  CHECK(ej[0].at("error").at("code") == "unrecognized_format");
}

TEST_CASE("cost on hostile input: the answers of check, one object per file", "[cli][hostile][cost]") {
  const fs::path big = scratch() / "big-cost.json";
  { std::ofstream(big) << "{"; }
  fs::resize_file(big, 1ULL << 30);
  std::string garbage;
  for (int i = 0; i < 100000; ++i) garbage += static_cast<char>((i * 7919) % 256);
  const fs::path fifo = scratch() / "cost-fifo";
  fs::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::vector<std::pair<fs::path, std::string>> cases{
      {big, "body_too_large"},
      {write("garbage-cost.bin", garbage), "invalid_json"},
      {write("deep-cost.json", std::string(1000000, '[') + std::string(1000000, ']')), "invalid_json"},
      {write("array-cost.json", "[1, 2]"), "not_an_object"},
      {fifo, "invalid_json"},
  };
  std::string args;
  for (const auto& c : cases) args += " " + quote(c.first.string());
  args += " " + quote(scratch().string());  // a directory
  const run_result r = run("cost --format json" + args);
  CHECK(r.exit == 2);
  const json out = parse_out(r);
  REQUIRE(out.size() == cases.size() + 1);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    INFO(cases[i].first);
    CHECK(out[i].at("file") == cases[i].first.string());
    CHECK(out[i].at("error").at("code") == "invalid_request");
    CHECK(out[i].at("diagnostics")[0].at("code") == cases[i].second);
    CHECK_FALSE(out[i].contains("credits"));
  }
  CHECK(out.back().at("error").at("code") == "io_error");
  CHECK(r.max_rss_kib < 1024 * 1024);
  fs::remove(big);
}

TEST_CASE("hostile input: 32M nested arrays in a 64 MiB file, parsed once within bounds", "[cli][hostile][deep64]") {
  // At the body limit exactly, so the tool reads and parses it (CTest's TIMEOUT bounds the time).
  const std::uint64_t half = seedance::limits::body_max_bytes / 2;
  const fs::path f = scratch() / "deep64.json";
  {
    std::ofstream o(f, std::ios::binary);
    o << std::string(half, '[') << std::string(half, ']');
  }
  REQUIRE(fs::file_size(f) == seedance::limits::body_max_bytes);
  const run_result r = run("check --format json " + quote(f.string()));
  fs::remove(f);
  CHECK(r.exit == 1);
  const json out = parse_out(r);
  CHECK(out[0].at("valid") == false);
  const json& d = out[0].at("diagnostics").at(0);
  CHECK(d.at("code") == "invalid_json");  // deeper than the library's nesting bound
  CHECK_THAT(d.at("message").get<std::string>(), Catch::Contains(std::to_string(seedance::validation_bounds::max_json_depth)));
  CHECK(r.max_rss_kib < 1024 * 1024);
}

// The tool built with AddressSanitizer (tests/cli/CMakeLists.txt tells, from the flags; the test
// program is built with the same ones): its shadow memory and quarantine make a peak RSS meaningless.
#if !defined(SEEDANCE_CLI_SANITIZED) && defined(__SANITIZE_ADDRESS__)
#define SEEDANCE_CLI_SANITIZED 1
#elif !defined(SEEDANCE_CLI_SANITIZED) && defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SEEDANCE_CLI_SANITIZED 1
#endif
#endif

TEST_CASE("hostile input: five 40 MiB bodies are checked in memory about their size", "[cli][hostile][memory]") {
#ifdef SEEDANCE_CLI_SANITIZED
  SUCCEED("built with AddressSanitizer: peak memory is not measured");
#else
  // Before the streaming validator, a DOM of [{},{},...] took 1.1 GB for 40 MiB of text
  // (docs/performance.md). The bound is generous (about 2x what the floor of any validator built on
  // nlohmann's parser needs, benchmarks/check_memory.cpp, in a debug build too); a DOM misses it.
  for (const seedance_test::hostile_body& b : seedance_test::hostile_bodies()) {
    INFO("body: " << b.name << " (" << b.what << ")");
    // The exit status each body must get is written out from the rules (hostile_bodies.hpp); the
    // library, called here on a 2 MiB body of the same shape, agrees with it (2 MiB: the long
    // prompt is then over the token limit too).
    CHECK(seedance::validate(b.make(std::size_t{2} << 20)).ok() == (b.exit_status == 0));
    const fs::path f = scratch() / "hostile-memory.json";
    std::uint64_t size = 0;
    {
      // Freed before the tool runs: this process's memory at the fork counts toward the child's peak.
      const std::string body = b.make(seedance_test::hostile_body_bytes);
      size = body.size();
      std::ofstream(f, std::ios::binary) << body;
    }
    REQUIRE(fs::file_size(f) == size);
    REQUIRE(size < seedance::limits::body_max_bytes);  // read and parsed, not refused for its size
    const seedance_test::child_result r = seedance_test::run_child(SEEDANCE_CLI, {"check", f.string()});
    fs::remove(f);
    REQUIRE(r.error.empty());
    CHECK(r.signal == 0);
    CHECK(r.exit_status == b.exit_status);
    const long bound_kib = static_cast<long>(2 * size / 1024) + 96 * 1024;
    INFO("peak " << r.peak_rss_kib / 1024 << " MiB, bound " << bound_kib / 1024 << " MiB");
    CHECK(r.peak_rss_kib > 0);
    CHECK(r.peak_rss_kib <= bound_kib);
  }
#endif
}

TEST_CASE("hostile input: with --media, 40 MiB bodies are still checked in memory about their size", "[cli][hostile][memory][media]") {
#ifdef SEEDANCE_CLI_SANITIZED
  SUCCEED("built with AddressSanitizer: peak memory is not measured");
#else
  // With a media mapping the tool once parsed the body to a DOM to find the URLs to map (1.1 GB for
  // the array of {}); it now collects them as a stream, a bounded number of them. The URLs body's
  // items are all the mapped URL: the collector meets a mapped URL at every item.
  const std::string url = "https://example.com/a.png";
  REQUIRE(seedance_test::urls_body(1024).find("\"" + url + "\"") != std::string::npos);
  const fs::path png = fs::path(SEEDANCE_SOURCE_DIR) / "tests" / "fuzz" / "seeds" / "probe_image" / "png_exif_header.png";
  REQUIRE(fs::is_regular_file(png));
  for (const seedance_test::hostile_body& b : seedance_test::hostile_bodies()) {
    if (b.name != "array of {}" && b.name != "URLs") continue;
    INFO("body: " << b.name << " (" << b.what << ")");
    const fs::path f = scratch() / "hostile-media-memory.json";
    std::uint64_t size = 0;
    {
      const std::string body = b.make(seedance_test::hostile_body_bytes);  // freed before the fork (child_peak.hpp)
      size = body.size();
      std::ofstream(f, std::ios::binary) << body;
    }
    REQUIRE(fs::file_size(f) == size);
    const seedance_test::child_result r =
        seedance_test::run_child(SEEDANCE_CLI, {"check", "--media", url + "=" + png.string(), f.string()});
    fs::remove(f);
    REQUIRE(r.error.empty());
    CHECK(r.signal == 0);
    CHECK(r.exit_status == b.exit_status);
    const long bound_kib = static_cast<long>(2 * size / 1024) + 96 * 1024;
    INFO("peak " << r.peak_rss_kib / 1024 << " MiB, bound " << bound_kib / 1024 << " MiB");
    CHECK(r.peak_rss_kib > 0);
    CHECK(r.peak_rss_kib <= bound_kib);
  }
#endif
}

// --- with the probe's media corpus (the CTest fixture seedance_probe_corpus makes it) ---------------

namespace {
const fs::path corpus = SEEDANCE_PROBE_CORPUS;

json ffprobe_of(const fs::path& media) { return json::parse(read(media.string() + ".json")); }

double rate(const std::string& r) {
  const auto slash = r.find('/');
  return std::stod(r.substr(0, slash)) / std::stod(r.substr(slash + 1));
}
}  // namespace

TEST_CASE("probe --format json agrees with ffprobe on corpus files", "[cli][probe][corpus]") {
  const fs::path video = corpus / "video" / "dur_5s.mp4";
  const fs::path image = corpus / "image" / "png_rgb_640x480.png";
  const fs::path audio = corpus / "audio" / "wav_s16_44100_stereo.wav";
  REQUIRE(fs::exists(video));
  const run_result r = run("probe --format json " + quote(video.string()) + " " + quote(image.string()) + " " + quote(audio.string()));
  CHECK(r.exit == 0);
  const json out = parse_out(r);
  REQUIRE(out.size() == 3);
  // video
  const json fv = ffprobe_of(video);
  const json* vs = nullptr;
  for (const json& s : fv.at("streams"))
    if (s.at("codec_type") == "video") vs = &s;
  REQUIRE(vs);
  CHECK(out[0].at("kind") == "video");
  CHECK(out[0].at("format") == "mp4");
  CHECK(out[0].at("width") == vs->at("width"));
  CHECK(out[0].at("height") == vs->at("height"));
  CHECK(out[0].at("duration").get<double>() == Approx(std::stod(fv.at("format").at("duration").get<std::string>())).margin(0.001));
  CHECK(out[0].at("fps").get<double>() == Approx(rate(vs->at("avg_frame_rate"))).margin(0.01));
  CHECK(out[0].at("bytes") == fs::file_size(video));
  // image: no duration
  const json fi = ffprobe_of(image);
  const json& is = fi.at("streams").at(0);
  CHECK(out[1].at("kind") == "image");
  CHECK(out[1].at("format") == "png");
  CHECK(out[1].at("width") == is.at("width"));
  CHECK(out[1].at("height") == is.at("height"));
  CHECK_FALSE(out[1].contains("duration"));
  // audio: no width
  CHECK(out[2].at("kind") == "audio");
  CHECK(out[2].at("format") == "wav");
  CHECK(out[2].at("duration").get<double>() ==
        Approx(std::stod(ffprobe_of(audio).at("format").at("duration").get<std::string>())).margin(0.001));
  CHECK_FALSE(out[2].contains("width"));
  // text: one line per file, then a summary
  const run_result t = run("probe " + quote(video.string()) + " " + quote(write("not-media.bin", "not media").string()));
  CHECK(t.exit == 1);
  CHECK_THAT(t.out, Catch::Contains(video.string() + ": video mp4 "));
  CHECK_THAT(t.out, Catch::Contains("2 files probed: 1 read, 1 failed\n"));
  // stdin
  const run_result s = run("probe --format json -", image.string());
  CHECK(parse_out(s)[0].at("width") == is.at("width"));
  // rotation: videos only, clockwise; ffprobe gives the display matrix's rotation counter-clockwise.
  CHECK(out[0].at("rotation") == 0);
  CHECK_FALSE(out[1].contains("rotation"));
  CHECK_FALSE(out[2].contains("rotation"));
  for (const char* name : {"rot_90.mp4", "rot_180.mov", "rot_270.mp4"}) {
    INFO(name);
    const fs::path rv = corpus / "video" / name;
    const json fr = ffprobe_of(rv);
    int ccw = 0;
    const json* rs = nullptr;
    for (const json& st : fr.at("streams"))
      if (st.at("codec_type") == "video") rs = &st;
    REQUIRE(rs);
    for (const json& sd : rs->value("side_data_list", json::array()))
      if (sd.contains("rotation")) ccw = sd.at("rotation").get<int>();
    REQUIRE(ccw != 0);
    const json o = parse_out(run("probe --format json " + quote(rv.string())));
    CHECK(o[0].at("rotation") == ((-ccw) % 360 + 360) % 360);
    // the displayed size: a quarter turn swaps ffprobe's coded width and height
    const bool quarter = ccw % 180 != 0;
    CHECK(o[0].at("width") == (quarter ? rs->at("height") : rs->at("width")));
    const run_result text = run("probe " + quote(rv.string()));
    CHECK_THAT(text.out, Catch::Contains("(rotated " + std::to_string(o[0].at("rotation").get<int>()) + " degrees)"));
  }
}

TEST_CASE("check --media and --media-dir: probed media meet the media rules", "[cli][media][corpus]") {
  const std::string request = R"({"model": "seedance-2.0-reference-to-video", "prompt": "follow @video1",
    "video_urls": ["https://cdn.example.com/clips/dur_16s.mp4"], "image_urls": ["https://cdn.example.com/i/jpeg_250x250.jpg?v=2"]})";
  const fs::path f = write("media-request.json", request);
  // Without media: valid (nothing is known of the files).
  CHECK(run("check " + quote(f.string())).exit == 0);
  // --media-dir maps by the URL's last path segment: the 16 s video is too long.
  run_result r = run("check --format json --media-dir " + quote((corpus / "video").string()) + " " + quote(f.string()));
  CHECK(r.exit == 1);
  json out = parse_out(r);
  CHECK(codes_of(out[0].at("diagnostics")) == std::set<std::string>{"video_duration", "video_total_duration"});
  for (const json& d : out[0].at("diagnostics"))  // the item's rule points at the item, the total's at the list
    CHECK(d.at("path") == (d.at("code") == "video_duration" ? "/video_urls/0" : "/video_urls"));
  // The last segment is percent-decoded: dur%5F16s.mp4 is dur_16s.mp4.
  const fs::path escaped = write("escaped.json", R"({"model": "seedance-2.0-reference-to-video", "prompt": "x",
    "video_urls": ["https://cdn.example.com/clips/dur%5F16s.mp4"]})");
  r = run("check --format json --media-dir " + quote((corpus / "video").string()) + " " + quote(escaped.string()));
  CHECK(codes_of(parse_out(r)[0].at("diagnostics")) == std::set<std::string>{"video_duration", "video_total_duration"});
  // --media URL=PATH (the URL has a query string and an '=' in it): the 250 px image is too small.
  r = run("check --format json --media " +
          quote("https://cdn.example.com/i/jpeg_250x250.jpg?v=2=" + (corpus / "image" / "jpeg_250x250.jpg").string()) + " " +
          quote(f.string()));
  out = parse_out(r);
  CHECK(codes_of(out[0].at("diagnostics")) == std::set<std::string>{"image_dimensions"});
  // --media wins over --media-dir: the video URL mapped to a 23.976 fps file instead.
  r = run("check --format json --media-dir " + quote((corpus / "video").string()) + " --media " +
          quote("https://cdn.example.com/clips/dur_16s.mp4=" + (corpus / "video" / "fps_24000_1001.mp4").string()) + " " +
          quote(f.string()));
  out = parse_out(r);
  CHECK(codes_of(out[0].at("diagnostics")) == std::set<std::string>{"video_fps"});
  // A mapped file that cannot be read: exit 2.
  r = run("check --media " + quote("https://cdn.example.com/clips/dur_16s.mp4=" + (scratch() / "absent.mp4").string()) + " " +
          quote(f.string()));
  CHECK(r.exit == 2);
  CHECK_THAT(r.err, Catch::Contains("absent.mp4"));
  // A mapped file the probe does not know: a format error of the array's kind.
  const fs::path text_file = write("not-media.txt", "this is not a video\n");
  r = run("check --format json --media " + quote("https://cdn.example.com/clips/dur_16s.mp4=" + text_file.string()) + " " +
          quote(f.string()));
  CHECK(codes_of(parse_out(r)[0].at("diagnostics")) == std::set<std::string>{"video_format"});
}

TEST_CASE("cost --media-dir: a probed reference video turns the range into one figure", "[cli][media][cost][corpus]") {
  const std::string request = R"({"model": "seedance-2.0-reference-to-video", "prompt": "follow @video1", "duration": 10,
    "video_urls": ["https://cdn.example.com/dur_5s.mp4"]})";
  const fs::path f = write("cost-media.json", request);
  const json unknown = parse_out(run("cost --format json " + quote(f.string())));
  const json known = parse_out(run("cost --format json --media-dir " + quote((corpus / "video").string()) + " " + quote(f.string())));
  CHECK(unknown[0].at("credits").at("min") != unknown[0].at("credits").at("max"));
  CHECK(known[0].at("credits").at("min") == known[0].at("credits").at("max"));
  CHECK(known[0].at("exact") == true);
  // A 5 s reference under a 10 s output: billed as the output's 10 s, the lower end of the range.
  CHECK(known[0].at("credits").at("min") == unknown[0].at("credits").at("min"));
}

TEST_CASE("check --media: a file of a format the array does not accept is a format error, not a probe failure", "[cli][media]") {
  // ISO BMFF files that are no video: a HEIF/AVIF image (ftyp brand 'avif') and an audio-only MP4
  // (brand 'M4A ', a moov without a video track). Written by hand: box size, type, payload.
  const std::string ftyp_avif(
      "\x00\x00\x00\x14"
      "ftyp"
      "avif"
      "\x00\x00\x00\x00"
      "mif1",
      20);
  const std::string ftyp_m4a(
      "\x00\x00\x00\x14"
      "ftyp"
      "M4A "
      "\x00\x00\x00\x00"
      "isom",
      20);
  const std::string empty_moov(
      "\x00\x00\x00\x08"
      "moov",
      8);
  const fs::path avif = write("photo.avif", ftyp_avif + empty_moov);
  const fs::path m4a = write("voice.m4a", ftyp_m4a + empty_moov);
  const std::string img = "https://cdn.example.com/p/photo.avif", aud = "https://cdn.example.com/a/voice.m4a";
  const fs::path f = write("formats.json", R"({"model": "seedance-2.0-reference-to-video", "prompt": "x", "image_urls": [")" + img +
                                               R"("], "audio_urls": [")" + aud + R"("]})");
  const run_result r = run("check --format json --media " + quote(img + "=" + avif.string()) + " --media " +
                           quote(aud + "=" + m4a.string()) + " " + quote(f.string()));
  CHECK(r.exit == 1);
  const json out = parse_out(r);
  std::map<std::string, std::string> code_at;
  for (const json& d : out[0].at("diagnostics")) code_at[d.at("path")] = d.at("code");
  CHECK(code_at == std::map<std::string, std::string>{{"/image_urls/0", "image_format"}, {"/audio_urls/0", "audio_format"}});
  for (const json& d : out[0].at("diagnostics"))  // no enum name in the words: "another format", not "other"
    if (d.at("code") == "image_format" || d.at("code") == "audio_format")
      CHECK_THAT(d.at("message").get<std::string>(), Catch::Contains(" is in another format; ") && !Catch::Contains(" is other"));
  // The same audio-only MP4 given as a video is an MP4 the probe cannot read as a video: a probe failure.
  const std::string vid = "https://cdn.example.com/v/voice.mp4";
  const fs::path g =
      write("as-video.json", R"({"model": "seedance-2.0-reference-to-video", "prompt": "x", "video_urls": [")" + vid + R"("]})");
  const json as_video = parse_out(run("check --format json --media " + quote(vid + "=" + m4a.string()) + " " + quote(g.string())));
  REQUIRE(as_video[0].at("diagnostics").size() == 1);
  CHECK(as_video[0].at("diagnostics")[0].at("code") == "media_probe_failed");
  CHECK_THAT(as_video[0].at("diagnostics")[0].at("message").get<std::string>(), Catch::Contains("no video track"));
}

TEST_CASE("check --media: a bounded number of mapped items per array; the last of a key given twice", "[cli][media]") {
  // An audio-only MP4 given as a video: a probe failure at each place of its URL (as above).
  const fs::path m4a = write("bounded.m4a", std::string("\x00\x00\x00\x14"
                                                        "ftypM4A \x00\x00\x00\x00isom"
                                                        "\x00\x00\x00\x08moov",
                                                        28));
  const std::string vid = "https://cdn.example.com/v/voice.mp4", late = "https://cdn.example.com/v/late.mp4";
  // 200 items of the mapped URL, then one of a second mapped URL past the bound: 4 x the most
  // items a model takes in one array (docs/cli.md) are probed and reported, the rest not.
  const std::size_t most = seedance::detail::validate::max_kept_items, items = 200;
  REQUIRE(4 * most < items);
  std::string arr;
  for (std::size_t i = 0; i < items; ++i) arr += "\"" + vid + "\",";
  arr += "\"" + late + "\"";
  const fs::path f = write("bounded.json", R"({"model": "seedance-2.0-reference-to-video", "prompt": "x", "video_urls": [)" + arr + "]}");
  const std::string media = "--media " + quote(vid + "=" + m4a.string()) + " --media " + quote(late + "=" + m4a.string());
  run_result r = run("check --format json " + media + " " + quote(f.string()));
  CHECK(r.exit == 1);
  std::set<std::string> failed;
  const json out = parse_out(r);  // kept: a range-for over a member of a temporary would dangle
  for (const json& d : out[0].at("diagnostics"))
    if (d.at("code") == "media_probe_failed") failed.insert(d.at("path").get<std::string>());
  std::set<std::string> first;
  for (std::size_t i = 0; i < 4 * most; ++i) first.insert("/video_urls/" + std::to_string(i));
  CHECK(failed == first);
  // The URL past the bound is in the request: no "no request has this media URL" warning for it.
  CHECK_THAT(r.err, !Catch::Contains("warning"));
  // video_urls given twice: the last value counts, as for the validator; the first one's URL is in
  // no array the request has, so its mapping is unused.
  const fs::path g = write("twice.json", R"({"model": "seedance-2.0-reference-to-video", "prompt": "x", "video_urls": [")" + late +
                                             R"("], "video_urls": [")" + vid + R"(", ")" + vid + R"("]})");
  r = run("check --format json " + media + " " + quote(g.string()));
  CHECK(r.exit == 1);
  const json twice = parse_out(r);
  std::set<std::string> failed_twice;
  for (const json& d : twice[0].at("diagnostics"))
    if (d.at("code") == "media_probe_failed") failed_twice.insert(d.at("path").get<std::string>());
  CHECK(failed_twice == std::set<std::string>{"/video_urls/0", "/video_urls/1"});
  CHECK(codes_of(twice[0].at("diagnostics")).count("duplicate_key") == 1);
  CHECK_THAT(r.err, Catch::Contains("warning: --media " + late));
  CHECK_THAT(r.err, !Catch::Contains("warning: --media " + vid));
}

TEST_CASE("check --media: a damaged mapped file makes the request invalid, an unreadable one is exit 2", "[cli][media][corpus]") {
  // The first 4 KiB of a real MP4: an ftyp, then a box that runs past the end.
  const std::string whole = read(corpus / "video" / "dur_5s.mp4");
  REQUIRE(whole.size() > 4096);
  const fs::path damaged = write("truncated.mp4", whole.substr(0, 4096));
  const std::string url = "https://cdn.example.com/clips/clip.mp4";
  // the URL twice: a diagnostic at each place, and the second one on line 3
  const fs::path f = write("damaged-media.json",
                           "{\"model\": \"seedance-2.0-reference-to-video\", \"prompt\": \"follow @video1\",\n"
                           "  \"video_urls\": [\"" +
                               url + "\",\n    \"" + url + "\"]}\n");
  const std::string media = "--media " + quote(url + "=" + damaged.string());
  run_result r = run("check --format json " + media + " " + quote(f.string()));
  CHECK(r.exit == 1);
  json out = parse_out(r);
  CHECK(out[0].at("valid") == false);
  CHECK(out[0].at("estimate").is_null());
  std::map<std::string, json> by_path;
  for (const json& d : out[0].at("diagnostics"))
    if (d.at("code") == "media_probe_failed") by_path[d.at("path")] = d;
  REQUIRE(by_path.size() == 2);
  CHECK(by_path.at("/video_urls/0").at("severity") == "error");
  CHECK(by_path.at("/video_urls/0").at("line") == 2);
  CHECK(by_path.at("/video_urls/1").at("line") == 3);
  CHECK(by_path.at("/video_urls/1").at("column") == 5);
  CHECK_THAT(by_path.at("/video_urls/0").at("message").get<std::string>(), Catch::Contains(damaged.string()));
  // text: the compiler-like line, the summary counts the error
  r = run("check " + media + " " + quote(f.string()));
  CHECK(r.exit == 1);
  CHECK_THAT(r.out, Catch::Contains(f.string() + ":2:18: error[media_probe_failed] /video_urls/0: "));
  CHECK_THAT(r.out, Catch::Contains("1 file checked: 0 valid, 1 invalid"));
  // cost: an invalid request
  r = run("cost --format json " + media + " " + quote(f.string()));
  CHECK(r.exit == 1);
  CHECK(parse_out(r)[0].at("error").at("code") == "invalid_request");
  // A mapped file that cannot be read at all: exit 2, the reason on stderr, and no verdict
  const std::string absent = "--media " + quote(url + "=" + (scratch() / "absent.mp4").string());
  r = run("check " + absent + " " + quote(f.string()));
  CHECK(r.exit == 2);
  CHECK_THAT(r.err, Catch::Contains("absent.mp4"));
  CHECK_THAT(r.out, !Catch::Contains(": valid"));
  CHECK_THAT(r.out, Catch::Contains("1 file checked: 0 valid, 0 invalid, 1 unreadable"));
  r = run("check --format json " + absent + " " + quote(f.string()));
  CHECK(r.exit == 2);
  out = parse_out(r);
  CHECK_FALSE(out[0].contains("valid"));
  CHECK(out[0].at("error").at("code") == "io_error");
  CHECK_THAT(out[0].at("error").at("message").get<std::string>(), Catch::Contains("absent.mp4"));
}

TEST_CASE("check: the December 2026 diagnostics with line and column; --strict", "[cli][check][position][2026-12]") {
  const std::string text =
      "{\n"
      "  \"model\": \"seedance-2.0-text-to-video\",\n"
      "  \"prompt\": \"today's news\",\n"
      "  \"content_filter\": false,\n"
      "  \"model_params\": {\"web_search\": true},\n"
      "  \"Seed\": 7\n"
      "}\n";
  const fs::path f = write("dec2026.json", text);
  // Written out by hand: line 5 `  "model_params": {"web_search": true},` (true at byte column 34);
  // line 6 `  "Seed": 7` (7 at byte column 11).
  const run_result t = run("check " + quote(f.string()));
  CHECK(t.exit == 1);
  CHECK_THAT(t.out, Catch::Contains(f.string() + ":5:34: error[web_search_without_content_filter] /model_params/web_search: "));
  CHECK_THAT(t.out, Catch::Contains(f.string() + ":6:11: warning[unknown_field] /Seed: "));
  // --strict: the unknown field is an error too (and says why)
  const run_result s = run("check --strict " + quote(f.string()));
  CHECK(s.exit == 1);
  CHECK_THAT(s.out, Catch::Contains(f.string() + ":6:11: error[unknown_field] /Seed: "));
  CHECK_THAT(s.out, Catch::Contains("strict mode"));
  CHECK_THAT(s.out, Catch::Contains("(2 errors, 0 warnings)"));
  // a request whose only problem is a warning: exit 0, and 1 with --strict
  const fs::path w = write("warn-only.json", R"({"model": "seedance-2.0-fast-text-to-video", "prompt": "x", "ratio": "16:9"})");
  const run_result lax = run("check " + quote(w.string()));
  CHECK(lax.exit == 0);
  CHECK_THAT(lax.out, Catch::Contains("did you mean aspect_ratio?"));
  CHECK(run("check --strict " + quote(w.string())).exit == 1);
  CHECK(run("cost --strict --format json " + quote(w.string())).exit == 1);
  // the JSON form carries each diagnostic's own severity
  const json j = parse_out(run("check --strict --format json " + quote(w.string())));
  CHECK(j[0].at("diagnostics")[0].at("severity") == "error");
  CHECK(j[0].at("diagnostics")[0].at("code") == "unknown_field");
}

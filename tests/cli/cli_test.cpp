// Tests of the `seedance` command-line tool: they run the built binary (SEEDANCE_CLI) and parse
// what it prints. Expected values come from the library called in this process, from the request
// files' own text, or are written out by hand; never from an earlier run of the tool.
#include <seedance/pricing_data.hpp>
#include <seedance/schema.hpp>
#include <seedance/spec.hpp>
#include <seedance/validate.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
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
  const std::string cmd = env + " " + quote(SEEDANCE_CLI) + " " + args + " <" + quote(stdin_file) + " >" + quote(out.string()) +
                          " 2>" + quote(err.string());
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
  const fs::path search = write("search.json", R"({"model": "seedance-2.0-text-to-video", "prompt": "news of today", "duration": 5, "model_params": {"web_search": true}})");
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

TEST_CASE("schema: one model's, all nine, and an unknown id", "[cli][schema]") {
  const json all = parse_out(run("schema"));
  CHECK(all == seedance::json_schema_all());
  const json one = parse_out(run("schema seedance-2.0-fast-image-to-video"));
  CHECK(one == *seedance::json_schema("seedance-2.0-fast-image-to-video"));
  const run_result bad = run("schema seedance-3.0");
  CHECK(bad.exit == 2);
  CHECK(bad.out.empty());
  CHECK_THAT(bad.err, Catch::Contains("seedance-2.0-text-to-video"));
}

TEST_CASE("usage errors and unreadable files exit 2 with the reason on stderr", "[cli][exit]") {
  const auto expect2 = [](const run_result& r) {
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exit == 2);
    CHECK_FALSE(r.err.empty());
  };
  expect2(run(""));                                   // no command
  expect2(run("frobnicate"));                         // unknown command
  expect2(run("check"));                              // no FILE
  expect2(run("check --format xml x.json"));          // bad format
  expect2(run("check --media nonsense x.json"));      // not URL=PATH
  expect2(run("check " + quote((scratch() / "absent.json").string())));
  expect2(run("check " + quote(scratch().string())));  // a directory
  expect2(run("probe " + quote(scratch().string())));
  // an unreadable file among readable ones: still 2, and the readable ones are reported
  const run_result mixed = run("check --format json " + quote((examples / "text-to-video.json").string()) + " " +
                               quote((scratch() / "absent.json").string()));
  CHECK(mixed.exit == 2);
  CHECK(parse_out(mixed).size() == 1);
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
  // 1,000,000 nested arrays
  r = run("check --format json " + quote(write("deep.json", std::string(1000000, '[') + std::string(1000000, ']')).string()));
  CHECK(r.exit == 1);
  CHECK(parse_out(r)[0].at("diagnostics")[0].at("code") == "not_an_object");
  CHECK(r.max_rss_kib < 1024 * 1024);
  // a FIFO with no writer: read as empty, not waited on
  const fs::path fifo = scratch() / "fifo";
  fs::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  r = run("check --format json " + quote(fifo.string()));
  CHECK(r.exit == 1);
  CHECK(parse_out(r)[0].at("diagnostics")[0].at("code") == "invalid_json");
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

// --- with the probe's media corpus (the CTest fixture seedance_probe_corpus makes it) ---------------

namespace {
const fs::path corpus = SEEDANCE_PROBE_CORPUS;

json ffprobe_of(const fs::path& media) { return json::parse(read(media.string() + ".json")); }

double rate(const std::string& r) {
  const auto slash = r.find('/');
  return std::stod(r.substr(0, slash)) / std::stod(r.substr(slash + 1));
}
}  // namespace

TEST_CASE("probe --format json agrees with ffprobe on corpus files", "[cli][probe]") {
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
  // text: one line per file
  const run_result t = run("probe " + quote(video.string()));
  CHECK_THAT(t.out, Catch::Contains("video mp4 "));
  // stdin
  const run_result s = run("probe --format json -", image.string());
  CHECK(parse_out(s)[0].at("width") == is.at("width"));
}

TEST_CASE("check --media and --media-dir: probed media meet the media rules", "[cli][media]") {
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
  CHECK(out[0].at("diagnostics")[0].at("path") == "/video_urls/0");
  // The last segment is percent-decoded: dur%5F16s.mp4 is dur_16s.mp4.
  const fs::path escaped = write("escaped.json", R"({"model": "seedance-2.0-reference-to-video", "prompt": "x",
    "video_urls": ["https://cdn.example.com/clips/dur%5F16s.mp4"]})");
  r = run("check --format json --media-dir " + quote((corpus / "video").string()) + " " + quote(escaped.string()));
  CHECK(codes_of(parse_out(r)[0].at("diagnostics")) == std::set<std::string>{"video_duration", "video_total_duration"});
  // --media URL=PATH (the URL has a query string and an '=' in it): the 250 px image is too small.
  r = run("check --format json --media " + quote("https://cdn.example.com/i/jpeg_250x250.jpg?v=2=" + (corpus / "image" / "jpeg_250x250.jpg").string()) +
          " " + quote(f.string()));
  out = parse_out(r);
  CHECK(codes_of(out[0].at("diagnostics")) == std::set<std::string>{"image_dimensions"});
  // --media wins over --media-dir: the video URL mapped to a 23.976 fps file instead.
  r = run("check --format json --media-dir " + quote((corpus / "video").string()) + " --media " +
          quote("https://cdn.example.com/clips/dur_16s.mp4=" + (corpus / "video" / "fps_24000_1001.mp4").string()) + " " + quote(f.string()));
  out = parse_out(r);
  CHECK(codes_of(out[0].at("diagnostics")) == std::set<std::string>{"video_fps"});
  // A mapped file that cannot be read: exit 2.
  r = run("check --media " + quote("https://cdn.example.com/clips/dur_16s.mp4=" + (scratch() / "absent.mp4").string()) + " " + quote(f.string()));
  CHECK(r.exit == 2);
  CHECK_THAT(r.err, Catch::Contains("absent.mp4"));
  // A mapped file the probe does not know: a format error of the array's kind.
  const fs::path text_file = write("not-media.txt", "this is not a video\n");
  r = run("check --format json --media " + quote("https://cdn.example.com/clips/dur_16s.mp4=" + text_file.string()) + " " +
          quote(f.string()));
  CHECK(codes_of(parse_out(r)[0].at("diagnostics")) == std::set<std::string>{"video_format"});
}

TEST_CASE("cost --media-dir: a probed reference video turns the range into one figure", "[cli][media][cost]") {
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

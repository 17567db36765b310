// The streaming path (docs/validation.md, "Reading the text as a stream"): validate(text) reads the
// text once as SAX events and builds no DOM. These cases are where a streaming reader can go wrong:
// keys in any order (the model last), keys given twice (the last value counts, with what it
// reports), values it only counts, text that fails after some events; and validate_request's kept
// body. The rules themselves are checked by validate_test.cpp, on both paths.
#include <catch2/catch.hpp>

#include <seedance/estimate.hpp>
#include <seedance/pricing_data.hpp>
#include <seedance/validate.hpp>

#include "../support/text_vs_parsed.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <tuple>
#include <vector>

using namespace seedance;
using json = nlohmann::json;

namespace {

using entry = std::tuple<code, severity, std::string, std::string>;

/// The diagnostics as a sorted list (code, severity, path, message): the groups that follow the
/// keys come in the text's order, so two orders of the same keys are compared as multisets.
std::vector<entry> entries(const report& r) {
  std::vector<entry> out;
  for (const diagnostic& d : r) out.emplace_back(d.code, d.severity, d.path, d.message);
  std::sort(out.begin(), out.end());
  return out;
}

/// The severity of the one diagnostic of code `c` at `path`.
std::optional<severity> severity_at(const report& r, code c, std::string_view path) {
  std::optional<severity> s;
  for (const diagnostic& d : r)
    if (d.code == c && d.path == path) {
      CHECK_FALSE(s);
      s = d.severity;
    }
  return s;
}

std::size_t count(const report& r, code c) {
  return static_cast<std::size_t>(std::count_if(r.begin(), r.end(), [c](const diagnostic& d) { return d.code == c; }));
}

constexpr std::string_view i2v = "seedance-2.0-image-to-video";

}  // namespace

TEST_CASE("streaming: the model after the keys whose rules read it", "[validate][stream]") {
  // A data: URI image is a warning on image-to-video and an error on every other model: the item is
  // read before the model, so the reader must read the text again with the model known.
  const std::string items = R"("image_urls": ["data:image/png;base64,iVBORw0KGgo=", 7, "https://example.com/a.gif"])";
  const std::string rest = R"("prompt": "a cat", "zz": 1, "model_params": {"web_search": true, "qq": 2})";
  const std::string first = R"({"model": ")" + std::string(i2v) + R"(", )" + items + ", " + rest + "}";
  const std::string last = "{" + items + ", " + rest + R"(, "model": ")" + std::string(i2v) + R"("})";
  const report a = validate(first);
  const report b = validate(last);
  CHECK(severity_at(b, code::base64_media, "/image_urls/0") == severity::warning);
  CHECK(severity_at(b, code::wrong_type, "/image_urls/1") == severity::error);
  CHECK(severity_at(b, code::media_extension, "/image_urls/2") == severity::warning);
  CHECK(severity_at(b, code::web_search_unsupported, "/model_params/web_search") == severity::error);
  CHECK(entries(a) == entries(b));
  CHECK(entries(b) == entries(validate(json::parse(last))));
  // where the messages name the model
  for (const diagnostic& d : b)
    if (d.code == code::web_search_unsupported) CHECK(d.message.find(std::string(i2v)) != std::string::npos);
}

TEST_CASE("streaming: a key given twice counts with its last value only", "[validate][stream]") {
  SECTION("a media array: the first one's items report nothing") {
    const std::string t = R"({"model": "seedance-2.0-image-to-video", "prompt": "p", "image_urls": [1, {}, "ftp://x/y.png"],
                              "image_urls": ["https://example.com/a.png"]})";
    const report r = validate(t);
    CHECK(r.ok());
    REQUIRE(r.size() == 1);
    CHECK(r[0].code == code::duplicate_key);
    CHECK(r[0].path == "/image_urls");
  }
  SECTION("the first media array valid, the second not") {
    const std::string t = R"({"model": "seedance-2.0-image-to-video", "prompt": "p", "image_urls": ["https://example.com/a.png"],
                              "image_urls": [1, 2, 3]})";
    const report r = validate(t);
    CHECK(count(r, code::wrong_type) == 3);
    CHECK(count(r, code::too_many_media) == 1);  // three items: the count is the last array's
    CHECK(entries(r) == entries(validate(parse_request(t), t)));
  }
  SECTION("model_params") {
    const std::string t = R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "model_params": {"web_search": "yes", "x": 1},
                              "model_params": {"web_search": true}})";
    const report r = validate(t);
    CHECK(r.ok());
    REQUIRE(r.size() == 1);
    CHECK(r[0].code == code::duplicate_key);
  }
  SECTION("an unknown key: listed once") {
    const std::string t = R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "zz": 1, "zz": [2], "model_params": {"q": 1, "q": 2}})";
    const report r = validate(t);
    CHECK(count(r, code::unknown_field) == 2);
    CHECK(r.has(code::unknown_field, "/zz"));
    CHECK(r.has(code::unknown_field, "/model_params/q"));
  }
  SECTION("the model: the rules read the last one, from the start") {
    const std::string t = R"({"model": "seedance-2.0-reference-to-video", "image_urls": ["data:image/png;base64,iVBORw0KGgo="],
                              "prompt": "p", "model": "seedance-2.0-text-to-video"})";
    const report r = validate(t);
    CHECK(r.has(code::media_unsupported, "/image_urls"));
    for (const diagnostic& d : r)
      if (d.code == code::base64_media) CHECK(d.message.find("reference-to-video") == std::string::npos);
    CHECK(entries(r) == entries(validate(parse_request(t), t)));
  }
  SECTION("web_search true before content_filter false") {
    const std::string t = R"({"model_params": {"web_search": true}, "model": "seedance-2.0-text-to-video", "prompt": "p",
                              "content_filter": false})";
    CHECK(validate(t).has(code::web_search_without_content_filter, "/model_params/web_search"));
  }
}

TEST_CASE("streaming: values only their type is read of", "[validate][stream]") {
  const std::string t = R"({"model": {"a": [1, 2, {"b": "c"}]}, "prompt": [["deep"]], "duration": {"x": 1},
                            "image_urls": [[1, [2]], {"u": "https://example.com/a.png"}, null, true, 1.5, -1],
                            "video_urls": {"not": "an array"}, "model_params": [1, 2], "zz": {"nested": {"n": [1, 2, 3]}}})";
  const report r = validate(t);
  CHECK(entries(r) == entries(validate(parse_request(t), t)));
  CHECK(count(r, code::wrong_type) == 11);  // model, prompt, duration, six items, video_urls, model_params
  for (const diagnostic& d : r)
    if (d.path == "/image_urls/4") CHECK(d.message == "image_urls items must be URL strings; found a number with a fraction or exponent");
}

TEST_CASE("streaming: a body that is not an object", "[validate][stream]") {
  for (const std::string t : {"17", "\"s\"", "null", "[{\"model\": 1}]", "true", "-2.5"}) {
    INFO(t);
    const report r = validate(t);
    REQUIRE(r.size() == 1);
    CHECK(r[0].code == code::not_an_object);
    CHECK(entries(r) == entries(validate(json::parse(t))));
  }
}

TEST_CASE("streaming: text that fails after some keys reports only where it fails", "[validate][stream]") {
  const std::string t = R"({"zz": 1, "image_urls": [1, "ftp://a"], "model_params": {"q": 1}, "model": )";
  const report r = validate(t);
  REQUIRE(r.size() == 1);
  CHECK(r[0].code == code::invalid_json);
}

TEST_CASE("validate_request keeps the fields the API defines when the request is valid", "[validate][stream]") {
  SECTION("unknown keys dropped, the last value of a key given twice") {
    const std::string t = R"({"zz": {"big": [1, 2, 3]}, "model": "seedance-2.0-reference-to-video", "prompt": "first", "prompt": "an ad",
                              "video_urls": ["https://example.com/v.mp4"], "duration": 8, "model_params": {}, "generate_audio": false})";
    const validated_request v = validate_request(t);
    CHECK(v.diagnostics.ok());
    REQUIRE(v.body);
    json expected = json::parse(t);
    expected.erase("zz");
    CHECK(*v.body == expected);
    CHECK(v.diagnostics == validate(t));
  }
  SECTION("web_search kept") {
    const validated_request v =
        validate_request(R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "model_params": {"web_search": true, "x": 1}})");
    REQUIRE(v.body);
    CHECK(v.body->at("model_params") == json{{"web_search", true}});
  }
  SECTION("an invalid request: no body") {
    const validated_request v = validate_request(R"({"model": "seedance-2.0-text-to-video", "prompt": ""})");
    CHECK_FALSE(v.diagnostics.ok());
    CHECK_FALSE(v.body);
  }
  SECTION("the estimate from text is the estimate of the parsed body") {
    for (const std::string t : {R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "duration": 10, "quality": "1080p"})",
                                R"({"prompt": "p", "model": "seedance-2.0-fast-reference-to-video", "image_urls": ["https://e.com/a.png"],
                                    "video_urls": ["https://e.com/v.mp4", "https://e.com/w.mp4"], "zz": 1})"}) {
      INFO(t);
      const estimate_result a = estimate_cost_text(t, default_pricing());
      const estimate_result b = estimate_cost(json::parse(t));
      REQUIRE(a.estimate);
      REQUIRE(b.estimate);
      CHECK(json(*a.estimate) == json(*b.estimate));
    }
  }
}

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// `n` copies of `item`, comma-separated.
std::string repeat(std::string_view item, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) (s += i ? "," : "") += item;
  return s;
}

/// `n` keys k0..k{n-1} with value 0, each key given `times` times in a row.
std::string keys(std::size_t n, std::size_t times = 1) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t t = 0; t < times; ++t) (s += s.empty() ? "" : ",") += "\"k" + std::to_string(i) + "\": 0";
  return s;
}

/// Bodies where the two readers could part: key order, keys given twice, groups over their cap,
/// values the stream only counts, the model's place, text that fails late.
std::vector<std::string> tricky_bodies() {
  const std::string m = R"("model": "seedance-2.0-reference-to-video")";
  const std::string p = R"("prompt": "a cat")";
  std::vector<std::string> v = {
      "{}",
      "[]",
      "{" + m + "}",
      "{" + p + ", " + m + "}",
      "{" + m + ", " + m + ", " + p + "}",
      R"({"model": 1, "model": "seedance-2.0-text-to-video", "prompt": "x"})",
      R"({"model": "seedance-2.0-text-to-video", "model": "nope", "prompt": "x"})",
      R"({"model": "seedance-2.0-text-to-video", "prompt": "x", "model": "seedance-2.0-image-to-video"})",
      "{" + p + R"(, "image_urls": ["https://e.com/a.png", 1], "image_urls": ["https://e.com/b.png"], )" + m + "}",
      "{" + p + R"(, "image_urls": [1, 2, 3], "image_urls": "x", )" + m + "}",
      "{" + p + R"(, "model_params": {"web_search": true, "a": 1}, "model_params": {"b": 2}, "model": "seedance-2.0-text-to-video"})",
      "{" + p + R"(, "model_params": {"web_search": true}, "model": "seedance-2.0-fast-text-to-video"})",
      "{" + p + R"(, "model_params": {"web_search": "yes", "web_search": false}, "model": "seedance-2.0-text-to-video"})",
      "{" + p + ", " + keys(5) + ", " + m + "}",
      "{" + p + ", " + keys(16) + ", " + m + "}",
      "{" + p + ", " + keys(17) + ", " + m + "}",
      "{" + p + ", " + keys(40) + ", " + m + "}",
      "{" + p + ", " + keys(10, 2) + ", " + m + "}",
      "{" + p + ", " + m + R"(, "image_urls": [)" + repeat("1", 9) + "]}",
      "{" + p + ", " + m + R"(, "image_urls": [)" + repeat("1", 40) + "]}",
      "{" + p + ", " + m + R"(, "image_urls": [)" + repeat(R"("ftp://x")", 20) + "]}",
      "{" + p + ", " + m + R"(, "video_urls": [)" + repeat("{}", 30) + "]}",
      "{" + p + ", " + m + R"(, "audio_urls": [)" + repeat(R"("https://e.com/a.wav")", 4) + "]}",
      "{" + p + ", " + m + R"(, "image_urls": [)" + repeat(R"("https://e.com/a.gif")", 12) + R"(], "video_urls": [)" +
          repeat(R"("http://e.com/v.mp4")", 5) + "]}",
      "{" + m + R"(, "prompt": ")" + repeat("@image5 @video9 @audio4", 30) + R"(", "image_urls": ["https://e.com/a.png"]})",
      R"({"model": "seedance-2.0-image-to-video", "prompt": "p", "image_urls": ["data:image/png;base64,iVBORw0KGgo="]})",
      R"({"image_urls": ["data:image/png;base64,iVBORw0KGgo="], "prompt": "p", "model": "seedance-2.0-reference-to-video"})",
      R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "callback_url": "http://127.0.0.1:9/cb"})",
      R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "callback_url": "https://localhost/cb", "callback_url": 3})",
      R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "duration": 16, "quality": "4k", "aspect_ratio": "2:1"})",
      R"({"model": "seedance-2.0-mini-text-to-video", "prompt": "p", "quality": "1080p", "seed": -1, "seed": 1.5})",
      R"({"prompt": {"deep": [[[[{"x": [1, {"y": null}]}]]]]}, "model": [1, [2]], "zz": {"a": {"b": [1, 2]}}})",
      R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "generate_audio": "true", "watermark": null})",
      R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "model_params": [1, {"web_search": true}]})",
      R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "model_params": {}})",
      "{\"model\": \"seedance-2.0-text-to-video\", \"prompt\": \"a\\u0000b\"}",
      "{\"model\": \"seedance-2.0-text-to-video\", \"prompt\": \"\\ud800\"}",
      "\xEF\xBB\xBF{\"model\": \"seedance-2.0-text-to-video\", \"prompt\": \"p\"}",
      "{\"model\": \"seedance-2.0-text-to-video\", \"prompt\": \"\xFF\xFE\"}",
      "{\"model\": \"seedance-2.0-text-to-video\", \"prompt\": \"p\"} x",
      R"({"zz": 1, "image_urls": [1, "ftp://a"], "model": )",
      std::string(300, '[') + std::string(300, ']'),
      "{\"a\": " + std::string(600, '[') + std::string(600, ']') + "}",
  };
  return v;
}

}  // namespace

// The differential of tests/support/text_vs_parsed.hpp over the example requests, the validation
// fuzzer's seeds and the bodies above, with every combination of the options.
TEST_CASE("streaming: the text and its parsed body get the same diagnostics", "[validate][stream][differential]") {
  std::vector<std::pair<std::string, std::string>> bodies;  // (name, text)
  const std::filesystem::path root = SEEDANCE_SOURCE_DIR;
  for (const auto* dir : {"examples/requests", "tests/fuzz/seeds/validate"})
    for (const auto& e : std::filesystem::directory_iterator(root / dir))
      bodies.emplace_back(e.path().filename().string(), read_file(e.path()));
  REQUIRE(bodies.size() > 100);  // the seeds are there
  std::size_t n = 0;
  for (const std::string& t : tricky_bodies()) bodies.emplace_back("tricky " + std::to_string(n++), t);
  std::size_t capped = 0;
  for (const bool strict : {false, true})
    for (const bool local : {false, true}) {
      const validate_options o{.strict = strict, .allow_local_callbacks = local};
      for (const auto& [name, text] : bodies) {
        INFO(name << (strict ? " strict" : "") << (local ? " local" : "") << "\n" << text.substr(0, 400));
        const std::optional<std::string> diff = testing::text_vs_parsed(text, {}, o);
        if (diff) FAIL_CHECK(*diff);
        const report r = validate(text, {}, o);
        capped +=
            std::any_of(r.begin(), r.end(), [](const diagnostic& d) { return d.message.find("; only the first ") != std::string::npos; });
      }
    }
  CHECK(capped >= 4 * 5);  // the bodies over a cap are there, and were compared by their summaries
}

TEST_CASE("streaming: the differential tells a difference from an allowed one", "[validate][stream][differential]") {
  const auto make = [](std::initializer_list<std::pair<code, std::string>> items, bool summary) {
    report r;
    for (const auto& [c, path] : items) r.add(c, path, "m " + path);
    if (summary) r.add(code::unknown_field, "", "3 more top-level fields have this problem; only the first 16 are listed");
    return r;
  };
  const report a = make({{code::unknown_field, "/a"}, {code::wrong_type, "/prompt"}}, true);
  SECTION("order, and the entries a summary stands over, may differ") {
    CHECK_FALSE(testing::same_verdict(a, make({{code::wrong_type, "/prompt"}, {code::unknown_field, "/b"}}, true)));
  }
  SECTION("a code, a pointer, a message or a summary may not") {
    CHECK(testing::same_verdict(a, make({{code::unknown_field, "/a"}, {code::wrong_type, "/seed"}}, true)));
    CHECK(testing::same_verdict(a, make({{code::unknown_field, "/a"}, {code::invalid_enum, "/prompt"}}, true)));
    CHECK(testing::same_verdict(a, make({{code::unknown_field, "/a"}, {code::wrong_type, "/prompt"}}, false)));
    report b = make({{code::unknown_field, "/a"}}, true);
    b.add(code::wrong_type, "/prompt", "another message");
    CHECK(testing::same_verdict(a, b));
    // an entry not under the summary's group: /image_urls/0 is not a top-level field
    CHECK(testing::same_verdict(a, make({{code::unknown_field, "/image_urls/0"}, {code::wrong_type, "/prompt"}}, true)));
  }
}

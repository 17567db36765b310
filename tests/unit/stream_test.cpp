// The streaming path (docs/validation.md, "Reading the text as a stream"): validate(text) reads the
// text once as SAX events and builds no DOM. These cases are where a streaming reader can go wrong:
// keys in any order (the model last), keys given twice (the last value counts, with what it
// reports), values it only counts, text that fails after some events; and validate_request's kept
// body. The rules themselves are checked by validate_test.cpp, on both paths.
#include <catch2/catch.hpp>

#include <seedance/estimate.hpp>
#include <seedance/pricing_data.hpp>
#include <seedance/validate.hpp>

#include <algorithm>
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

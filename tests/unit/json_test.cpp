// JSON: the exact API body for typed requests of every model, the provider's four example
// requests, and reading bodies back.
#include <catch2/catch.hpp>

#include <seedance/json.hpp>
#include <seedance/registry.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace seedance;
using nlohmann::json;

TEST_CASE("a new request serializes to model and prompt only", "[json]") {
  for_each_model([](auto t) {
    using M = typename decltype(t)::type;
    using tr = model_traits<M>;
    INFO(tr::id);
    if constexpr (tr::min_images == 0) {
      const json j = request<M>{"hello"};
      CHECK(j == json{{"model", std::string(tr::id)}, {"prompt", "hello"}});
    } else {
      const json j = request<M>{"hello"}.image("https://example.com/a.jpg");
      CHECK(j == json{{"model", std::string(tr::id)}, {"prompt", "hello"}, {"image_urls", {"https://example.com/a.jpg"}}});
    }
  });
}

TEST_CASE("every field, with the spec's exact strings", "[json]") {
  const json j = request<models::text_to_video>{"a cat"}
                     .duration<12>()
                     .quality<quality::p4k>()
                     .aspect_ratio(aspect_ratio::r21_9)
                     .generate_audio(false)
                     .content_filter(false)
                     .web_search(true)
                     .callback_url("https://example.com/hook");
  CHECK(j == json::parse(R"({
    "model": "seedance-2.0-text-to-video", "prompt": "a cat", "duration": 12, "quality": "4k",
    "aspect_ratio": "21:9", "generate_audio": false, "content_filter": false,
    "model_params": {"web_search": true}, "callback_url": "https://example.com/hook"})"));
  CHECK(j.at("duration").is_number_integer());

  const json off = request<models::fast_text_to_video>{"a cat"}.web_search(false);
  CHECK(off.at("model_params") == json::parse(R"({"web_search": false})"));
  const json none = request<models::fast_text_to_video>{"a cat"};
  CHECK_FALSE(none.contains("model_params"));
}

TEST_CASE("web search and the content filter: the static forms write the JSON as the run-time setters do", "[json][web_search]") {
  // The bodies written out from the spec's field names: content_filter at the top level,
  // web_search inside model_params.
  const json on_on = json::parse(R"({"model": "seedance-2.0-text-to-video", "prompt": "weather",
      "content_filter": true, "model_params": {"web_search": true}})");
  const json off_off = json::parse(R"({"model": "seedance-2.0-fast-text-to-video", "prompt": "weather",
      "content_filter": false, "model_params": {"web_search": false}})");

  const json s1 = request<models::text_to_video>{"weather"}.web_search<true>().content_filter<true>();
  const json s2 = request<models::text_to_video>{"weather"}.content_filter<true>().web_search<true>();
  const json rt = request<models::text_to_video>{"weather"}.web_search(true).content_filter(true);
  CHECK(s1 == on_on);
  CHECK(s2 == on_on);
  CHECK(rt == on_on);
  const json s3 = request<models::fast_text_to_video>{"weather"}.content_filter<false>().web_search<false>();
  const json rt3 = request<models::fast_text_to_video>{"weather"}.content_filter(false).web_search(false);
  CHECK(s3 == off_off);
  CHECK(rt3 == off_off);

  // One field only: the other stays absent.
  const json only_ws = request<models::fast_text_to_video>{"weather"}.web_search<true>();
  CHECK(only_ws == json::parse(R"({"model": "seedance-2.0-fast-text-to-video", "prompt": "weather",
      "model_params": {"web_search": true}})"));
  const json only_cf = request<models::mini_image_to_video>{"petals"}.content_filter<false>().image("https://example.com/a.jpg");
  CHECK(only_cf == json::parse(R"({"model": "seedance-2.0-mini-image-to-video", "prompt": "petals",
      "image_urls": ["https://example.com/a.jpg"], "content_filter": false})"));

  // Dropping what the type knew changes nothing in the body.
  const json dropped = request<models::text_to_video>{"weather"}.web_search<true>().content_filter<true>().web_search(true);
  CHECK(dropped == on_on);
}

TEST_CASE("request_from_json: web search with the content filter off is the validator's to report", "[json][web_search]") {
  // A pair of run-time values: the typed request that request_from_json returns knows no on/off
  // value and can hold it (as `.web_search(true).content_filter(false)` makes it), like a quality
  // the model's tier lacks; validate() reports web_search_without_content_filter.
  const json j = json::parse(R"({"model": "seedance-2.0-text-to-video", "prompt": "weather",
      "content_filter": false, "model_params": {"web_search": true}})");
  const auto r = request_from_json<models::text_to_video>(j);
  REQUIRE(r.has_value());
  CHECK(json(*r) == j);
  CHECK(r->body().web_search == true);
  CHECK(r->body().content_filter == false);
}

namespace {
// docs/spec.md section 1, written out again for these tests (not read from the library's table): per
// model, the most media of each kind, whether the first/last-frame aliases apply (image-to-video),
// the highest quality, and web search. The duration limit is docs/spec.md section 2 (4..15).
struct rules_row {
  std::string_view id;
  std::size_t images, videos, audios;
  bool frames;
  std::string_view top_quality;
  bool web_search;
};
constexpr std::array<rules_row, 9> rules_section_1{{
    {"seedance-2.0-text-to-video", 0, 0, 0, false, "4k", true},
    {"seedance-2.0-image-to-video", 2, 0, 0, true, "4k", false},
    {"seedance-2.0-reference-to-video", 9, 3, 3, false, "4k", false},
    {"seedance-2.0-fast-text-to-video", 0, 0, 0, false, "720p", true},
    {"seedance-2.0-fast-image-to-video", 2, 0, 0, true, "720p", false},
    {"seedance-2.0-fast-reference-to-video", 9, 3, 3, false, "720p", false},
    {"seedance-2.0-mini-text-to-video", 0, 0, 0, false, "720p", false},
    {"seedance-2.0-mini-image-to-video", 2, 0, 0, true, "720p", false},
    {"seedance-2.0-mini-reference-to-video", 9, 3, 3, false, "720p", false},
}};
constexpr int longest_duration = 15;

constexpr rules_row row_of(std::string_view id) {
  for (const rules_row& r : rules_section_1)
    if (r.id == id) return r;
  return {};
}
constexpr quality quality_named(std::string_view s) { return s == "4k" ? quality::p4k : quality::p720; }

std::string url(std::string_view kind, std::size_t n) { return "https://example.com/" + std::string(kind) + std::to_string(n); }
std::vector<std::string> urls(std::string_view kind, std::size_t count) {
  std::vector<std::string> out;
  for (std::size_t i = 1; i <= count; ++i) out.push_back(url(kind, i));
  return out;
}

// Adds `N` items of kind `K` one call at a time (the type counts each), numbered from `from`.
template <media_kind K, std::size_t N, class R>
auto add_each(R r, std::size_t from = 1) {
  if constexpr (N == 0) {
    return r;
  } else if constexpr (K == media_kind::image) {
    return add_each<K, N - 1>(std::move(r).image(url("image", from)), from + 1);
  } else if constexpr (K == media_kind::video) {
    return add_each<K, N - 1>(std::move(r).video(url("video", from)), from + 1);
  } else {
    return add_each<K, N - 1>(std::move(r).audio(url("audio", from)), from + 1);
  }
}

// Every setter that takes no media, each set to a non-default value, web search where the row has it.
template <bool WebSearch, quality Top, class R>
auto set_all_options(R r) {
  auto out = std::move(r)
                 .template duration<longest_duration>()
                 .template quality<Top>()
                 .aspect_ratio(aspect_ratio::r21_9)
                 .generate_audio(false)
                 .content_filter(false)
                 .callback_url("https://example.com/hook");
  if constexpr (WebSearch) return std::move(out).web_search(true);
  else return out;
}

// The body that docs/spec.md allows at most for the model of `row`, written from the row alone.
json fullest_body(const rules_row& row) {
  json j = {{"model", std::string(row.id)}, {"prompt", "the most"}};
  if (row.images) j["image_urls"] = urls("image", row.images);
  if (row.videos) j["video_urls"] = urls("video", row.videos);
  if (row.audios) j["audio_urls"] = urls("audio", row.audios);
  j["duration"] = longest_duration;
  j["quality"] = std::string(row.top_quality);
  j["aspect_ratio"] = "21:9";
  j["generate_audio"] = false;
  j["content_filter"] = false;
  if (row.web_search) j["model_params"] = {{"web_search", true}};
  j["callback_url"] = "https://example.com/hook";
  return j;
}
}  // namespace

TEST_CASE("every model filled to its maximum: exact JSON, through every setter it has", "[json][models]") {
  int models_seen = 0;
  for_each_model([&](auto t) {
    using M = typename decltype(t)::type;
    constexpr rules_row row = row_of(model_traits<M>::id);
    STATIC_REQUIRE(row.id == model_traits<M>::id);  // every model has its row in the test's table
    INFO(row.id);
    ++models_seen;
    const json expected = fullest_body(row);
    constexpr bool web_search = row.web_search;
    constexpr quality top = quality_named(row.top_quality);
    const auto options = [](auto r) { return set_all_options<web_search, top>(std::move(r)); };

    // One item per call: image(), video(), audio().
    auto one_by_one = add_each<media_kind::audio, row.audios>(
        add_each<media_kind::video, row.videos>(add_each<media_kind::image, row.images>(request<M>{"the most"})));
    STATIC_REQUIRE(decltype(one_by_one)::image_count == row.images);
    STATIC_REQUIRE(decltype(one_by_one)::video_count == row.videos);
    STATIC_REQUIRE(decltype(one_by_one)::audio_count == row.audios);
    CHECK(json(options(one_by_one)) == expected);

    // Options first, then media: the same body (to_json writes the provider's field order anyway).
    auto options_first = options(request<M>{"the most"});
    CHECK(json(add_each<media_kind::audio, row.audios>(
              add_each<media_kind::video, row.videos>(add_each<media_kind::image, row.images>(options_first)))) == expected);

    // Run-time lists: images(), videos(), audios(), each kind the model takes.
    auto listed = request<M>{"the most"};
    auto with_images = [&] {
      if constexpr (row.images > 0) return listed.images(urls("image", row.images));
      else return listed;
    }();
    auto with_videos = [&] {
      if constexpr (row.videos > 0) return with_images.videos(urls("video", row.videos));
      else return with_images;
    }();
    auto with_audios = [&] {
      if constexpr (row.audios > 0) return with_videos.audios(urls("audio", row.audios));
      else return with_videos;
    }();
    CHECK(json(options(with_audios)) == expected);

    // Image-to-video: first_frame() and last_frame() are the first and the second image.
    if constexpr (row.frames) {
      STATIC_REQUIRE(row.images == 2);
      auto framed = request<M>{"the most"}.first_frame(url("image", 1)).last_frame(url("image", 2));
      CHECK(json(options(framed)) == expected);
      // With only the first frame: the same body less the last frame.
      json first_only = expected;
      first_only["image_urls"] = json::array({url("image", 1)});
      CHECK(json(options(request<M>{"the most"}.first_frame(url("image", 1)))) == first_only);
    }

    // And the body reads back as the same typed request.
    const auto back = request_from_json<M>(expected);
    REQUIRE(back.has_value());
    CHECK(json(*back) == expected);
  });
  CHECK(models_seen == 9);
}

TEST_CASE("reference-to-video audio from a run-time list serializes without an image or video", "[json]") {
  const json j = request<models::reference_to_video>{"music"}.audios({"https://example.com/a.mp3"});
  CHECK(j == json::parse(R"({"model": "seedance-2.0-reference-to-video", "prompt": "music",
      "audio_urls": ["https://example.com/a.mp3"]})"));
}

TEST_CASE("quality and aspect ratio strings in JSON", "[json][enum]") {
  CHECK(json(quality::p480) == "480p");
  CHECK(json(quality::p1080) == "1080p");
  CHECK(json(aspect_ratio::r9_16) == "9:16");
  CHECK(json(aspect_ratio::adaptive) == "adaptive");
  CHECK(json("3:4").get<aspect_ratio>() == aspect_ratio::r3_4);
  CHECK_THROWS_AS(json("5k").get<quality>(), json::out_of_range);
  CHECK_THROWS_AS(json(720).get<quality>(), json::type_error);
}

// The four example requests of the provider's page (seedance-2.0-api.zh.md), built with the typed
// API, must serialize to exactly the page's bodies.
TEST_CASE("the provider's four example requests", "[json][spec-examples]") {
  SECTION("text_to_video") {
    const json j = request<models::text_to_video>{"一只猫在钢琴上弹奏月光奏鸣曲，电影感光影，特写镜头"}
                       .duration<8>()
                       .quality<quality::p720>()
                       .aspect_ratio(aspect_ratio::r16_9)
                       .generate_audio(true)
                       .content_filter(true);
    CHECK(j == json::parse(R"({"model": "seedance-2.0-text-to-video",
      "prompt": "一只猫在钢琴上弹奏月光奏鸣曲，电影感光影，特写镜头", "duration": 8, "quality": "720p",
      "aspect_ratio": "16:9", "generate_audio": true, "content_filter": true})"));
  }
  SECTION("image_to_video") {
    const json j = request<models::image_to_video>{"镜头缓缓推进，花瓣随风飘落"}
                       .first_frame("https://example.com/flower.jpg")
                       .duration<5>()
                       .aspect_ratio(aspect_ratio::adaptive)
                       .generate_audio(true)
                       .content_filter(true);
    CHECK(j == json::parse(R"({"model": "seedance-2.0-image-to-video", "prompt": "镜头缓缓推进，花瓣随风飘落",
      "image_urls": ["https://example.com/flower.jpg"], "duration": 5, "aspect_ratio": "adaptive",
      "generate_audio": true, "content_filter": true})"));
  }
  SECTION("reference_to_video") {
    const json j =
        request<models::reference_to_video>{"全程使用视频1的第一视角构图，全程使用音频1作为背景音乐。第一人称视角果茶宣传广告..."}
            .image("https://example.com/ref1.jpg")
            .image("https://example.com/ref2.jpg")
            .video("https://example.com/reference.mp4")
            .audio("https://example.com/bgm.mp3")
            .duration<10>()
            .quality<quality::p720>()
            .aspect_ratio(aspect_ratio::r16_9)
            .generate_audio(true)
            .content_filter(true);
    CHECK(j == json::parse(R"({"model": "seedance-2.0-reference-to-video",
      "prompt": "全程使用视频1的第一视角构图，全程使用音频1作为背景音乐。第一人称视角果茶宣传广告...",
      "image_urls": ["https://example.com/ref1.jpg", "https://example.com/ref2.jpg"],
      "video_urls": ["https://example.com/reference.mp4"], "audio_urls": ["https://example.com/bgm.mp3"],
      "duration": 10, "quality": "720p", "aspect_ratio": "16:9", "generate_audio": true, "content_filter": true})"));
  }
  SECTION("fast_text_to_video") {
    const json j = request<models::fast_text_to_video>{"城市日落延时摄影，金色光线洒满天际线"}
                       .duration<5>()
                       .aspect_ratio(aspect_ratio::r21_9)
                       .generate_audio(true)
                       .content_filter(true);
    CHECK(j == json::parse(R"({"model": "seedance-2.0-fast-text-to-video", "prompt": "城市日落延时摄影，金色光线洒满天际线",
      "duration": 5, "aspect_ratio": "21:9", "generate_audio": true, "content_filter": true})"));
  }
}

TEST_CASE("from_json reads a body back, field for field", "[json]") {
  const json j = json::parse(R"({"model": "seedance-2.0-reference-to-video", "prompt": "p",
      "image_urls": ["i"], "video_urls": [], "audio_urls": ["a1", "a2"], "duration": 9, "quality": "1080p",
      "aspect_ratio": "1:1", "generate_audio": false, "content_filter": true,
      "model_params": {"web_search": false}, "callback_url": "https://example.com/cb", "extra": 1})");
  const auto b = j.get<request_body>();
  CHECK(b.model == "seedance-2.0-reference-to-video");
  CHECK(b.prompt == "p");
  CHECK(b.image_urls == std::vector<std::string>{"i"});
  CHECK(b.video_urls == std::vector<std::string>{});
  CHECK(b.audio_urls == std::vector<std::string>{"a1", "a2"});
  CHECK(b.duration == 9);
  CHECK(b.quality == quality::p1080);
  CHECK(b.aspect_ratio == aspect_ratio::r1_1);
  CHECK(b.generate_audio == false);
  CHECK(b.content_filter == true);
  CHECK(b.web_search == false);
  CHECK(b.callback_url == "https://example.com/cb");
  // ... and writes the same JSON again, less the unknown field.
  json again = b;
  json expected = j;
  expected.erase("extra");
  CHECK(again == expected);
}

TEST_CASE("from_json throws nlohmann's exceptions on bad bodies", "[json]") {
  CHECK_THROWS_AS(json::parse(R"({"prompt": "p"})").get<request_body>(), json::out_of_range);
  CHECK_THROWS_AS(json::parse(R"({"model": 1, "prompt": "p"})").get<request_body>(), json::type_error);
  CHECK_THROWS_AS(json::parse(R"({"model": "m", "prompt": "p", "duration": "5"})").get<request_body>(), json::type_error);
  CHECK_THROWS_AS(json::parse(R"({"model": "m", "prompt": "p", "quality": "8k"})").get<request_body>(), json::out_of_range);
  CHECK_THROWS_AS(json::parse(R"([1, 2])").get<request_body>(), json::type_error);
}

namespace {
enum class refused { type_error, out_of_range };
struct bad_field {
  const char* fields;  // added to {"model": ..., "prompt": "p"}
  refused as;
  const char* names;   // what the message must name, quoted as the library quotes field names
};
// Each value that nlohmann's get<> would convert (a float truncated, a boolean read as 1, an
// integer wrapped or out of int's range) or that has the wrong JSON type: refused, field named.
const bad_field bad_fields[] = {
    {R"("duration": 5.7)", refused::type_error, "'duration'"},
    {R"("duration": 5.0)", refused::type_error, "'duration'"},
    {R"("duration": 1e300)", refused::type_error, "'duration'"},
    {R"("duration": -1e300)", refused::type_error, "'duration'"},
    {R"("duration": true)", refused::type_error, "'duration'"},
    {R"("duration": "5")", refused::type_error, "'duration'"},
    {R"("duration": null)", refused::type_error, "'duration'"},
    {R"("duration": [5])", refused::type_error, "'duration'"},
    {R"("duration": 4294967301)", refused::out_of_range, "'duration'"},   // 2^32 + 5: wraps to 5 as an int
    {R"("duration": 2147483648)", refused::out_of_range, "'duration'"},   // INT_MAX + 1
    {R"("duration": -2147483649)", refused::out_of_range, "'duration'"},  // INT_MIN - 1
    {R"("duration": 18446744073709551615)", refused::out_of_range, "'duration'"},
    {R"("generate_audio": 1)", refused::type_error, "'generate_audio'"},
    {R"("generate_audio": "true")", refused::type_error, "'generate_audio'"},
    {R"("content_filter": 0)", refused::type_error, "'content_filter'"},
    {R"("content_filter": null)", refused::type_error, "'content_filter'"},
    {R"("quality": 1080)", refused::type_error, "'quality'"},
    {R"("quality": "8k")", refused::out_of_range, "'quality'"},
    {R"("aspect_ratio": "2:1")", refused::out_of_range, "'aspect_ratio'"},
    {R"("aspect_ratio": 1.5)", refused::type_error, "'aspect_ratio'"},
    {R"("callback_url": 5)", refused::type_error, "'callback_url'"},
    {R"("image_urls": "https://example.com/a.jpg")", refused::type_error, "'image_urls'"},
    {R"("image_urls": [1])", refused::type_error, "'image_urls[0]'"},
    {R"("video_urls": ["https://example.com/a.mp4", null])", refused::type_error, "'video_urls[1]'"},
    {R"("audio_urls": {"a": "b"})", refused::type_error, "'audio_urls'"},
    {R"("model_params": [])", refused::type_error, "'model_params'"},
    {R"("model_params": "web_search")", refused::type_error, "'model_params'"},
    {R"("model_params": true)", refused::type_error, "'model_params'"},
    {R"("model_params": null)", refused::type_error, "'model_params'"},
    {R"("model_params": {"web_search": 1})", refused::type_error, "'model_params.web_search'"},
    {R"("model_params": {"web_search": "true"})", refused::type_error, "'model_params.web_search'"},
};
}  // namespace

TEST_CASE("from_json converts nothing: wrong types and values that do not fit are refused by name", "[json]") {
  for (const bad_field& c : bad_fields) {
    const std::string text = std::string(R"({"model": "seedance-2.0-reference-to-video", "prompt": "p", )") + c.fields + "}";
    INFO(text);
    const json j = json::parse(text);
    if (c.as == refused::type_error) {
      CHECK_THROWS_AS(j.get<request_body>(), json::type_error);
    } else {
      CHECK_THROWS_AS(j.get<request_body>(), json::out_of_range);
    }
    CHECK_THROWS_WITH(j.get<request_body>(), Catch::Contains(c.names));
    CHECK_FALSE(request_from_json<models::reference_to_video>(j).has_value());
  }
  // The other bodies that are not bodies at all, and fields that are not strings.
  for (const char* text : {"[1, 2]", R"("a body")", "null", "5", R"({"model": "seedance-2.0-text-to-video"})", R"({"prompt": "p"})",
                           R"({"model": null, "prompt": "p"})", R"({"model": "seedance-2.0-text-to-video", "prompt": 7})"}) {
    INFO(text);
    CHECK_THROWS_AS(json::parse(text).get<request_body>(), json::exception);
    CHECK_FALSE(request_from_json<models::text_to_video>(json::parse(text)).has_value());
  }
  CHECK_THROWS_WITH(json::parse(R"({"model": "m"})").get<request_body>(), Catch::Contains("'prompt'"));
  CHECK_THROWS_WITH(json::parse(R"({"prompt": "p"})").get<request_body>(), Catch::Contains("'model'"));
  CHECK_THROWS_WITH(json::parse(R"({"model": 1, "prompt": "p"})").get<request_body>(), Catch::Contains("'model'"));
}

TEST_CASE("from_json: integers that fit in an int are read exactly, and model_params keys are optional", "[json]") {
  const auto read = [](const char* fields) {
    return json::parse(std::string(R"({"model": "m", "prompt": "p", )") + fields + "}").get<request_body>();
  };
  CHECK(read(R"("duration": 2147483647)").duration == 2147483647);    // INT_MAX
  CHECK(read(R"("duration": -2147483648)").duration == -2147483647 - 1);  // INT_MIN
  CHECK(read(R"("duration": -3)").duration == -3);  // out of 4..15: the validator's to judge
  CHECK(read(R"("duration": 0)").duration == 0);
  CHECK_FALSE(read(R"("model_params": {})").web_search.has_value());
  CHECK_FALSE(read(R"("model_params": {"other": 1})").web_search.has_value());  // unknown keys ignored
  CHECK(read(R"("model_params": {"web_search": true, "other": 1})").web_search == true);
  CHECK(read(R"("image_urls": [])").image_urls == std::vector<std::string>{});
}

TEST_CASE("request_from_json: typed requests from JSON, never throwing", "[json]") {
  const json j = json::parse(R"({"model": "seedance-2.0-image-to-video", "prompt": "p",
      "image_urls": ["https://example.com/a.jpg", "https://example.com/b.jpg"], "duration": 6})");
  const auto r = request_from_json<models::image_to_video>(j);
  REQUIRE(r.has_value());
  CHECK(json(*r) == j);
  CHECK_FALSE(request_from_json<models::fast_image_to_video>(j).has_value());  // another model
  CHECK_FALSE(request_from_json<models::image_to_video>(json::parse(R"({"model": 3})")).has_value());
  CHECK_FALSE(request_from_json<models::image_to_video>(json::parse("null")).has_value());
  CHECK_FALSE(request_from_json<models::image_to_video>(json::parse(R"({"model": "seedance-2.0-image-to-video",
      "prompt": "p", "video_urls": ["https://example.com/a.mp4"]})"))
                  .has_value());  // video on image-to-video
}

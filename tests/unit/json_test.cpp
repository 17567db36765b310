// JSON: the exact API body for typed requests of every model, the provider's four example
// requests, and reading bodies back.
#include <catch2/catch.hpp>

#include <seedance/json.hpp>
#include <seedance/registry.hpp>

#include <string>

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
      "prompt": "p", "video_urls": ["https://example.com/a.mp4"]})")).has_value());  // video on image-to-video
}

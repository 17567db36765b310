// Runtime validation: every code of docs/spec.md sections 2 and 3 with a case that triggers it and a
// near miss that does not, the provider's examples, many problems at once, and hostile input.
#include <catch2/catch.hpp>

#include <seedance/validate.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using namespace seedance;
using nlohmann::json;

namespace {
const json t2v = json::parse(R"({"model": "seedance-2.0-text-to-video", "prompt": "a cat plays the piano"})");
const json i2v = json::parse(R"({"model": "seedance-2.0-image-to-video", "prompt": "petals fall",
                                 "image_urls": ["https://example.com/first.jpg"]})");
const json r2v = json::parse(R"({"model": "seedance-2.0-reference-to-video", "prompt": "an ad",
                                 "image_urls": ["https://example.com/a.jpg"], "video_urls": ["https://example.com/v.mp4"],
                                 "audio_urls": ["https://example.com/a.mp3"]})");

json with(json base, const std::string& pointer, json value) {
  base[json::json_pointer(pointer)] = std::move(value);
  return base;
}
}  // namespace

TEST_CASE("the provider's four example requests validate without errors", "[validate][spec-examples]") {
  const char* examples[] = {
      R"({"model": "seedance-2.0-text-to-video", "prompt": "一只猫在钢琴上弹奏月光奏鸣曲，电影感光影，特写镜头",
          "duration": 8, "quality": "720p", "aspect_ratio": "16:9", "generate_audio": true, "content_filter": true})",
      R"({"model": "seedance-2.0-image-to-video", "prompt": "镜头缓缓推进，花瓣随风飘落",
          "image_urls": ["https://example.com/flower.jpg"], "duration": 5, "aspect_ratio": "adaptive",
          "generate_audio": true, "content_filter": true})",
      R"({"model": "seedance-2.0-reference-to-video",
          "prompt": "全程使用视频1的第一视角构图，全程使用音频1作为背景音乐。第一人称视角果茶宣传广告...",
          "image_urls": ["https://example.com/ref1.jpg", "https://example.com/ref2.jpg"],
          "video_urls": ["https://example.com/reference.mp4"], "audio_urls": ["https://example.com/bgm.mp3"],
          "duration": 10, "quality": "720p", "aspect_ratio": "16:9", "generate_audio": true, "content_filter": true})",
      R"({"model": "seedance-2.0-fast-text-to-video", "prompt": "城市日落延时摄影，金色光线洒满天际线", "duration": 5,
          "aspect_ratio": "21:9", "generate_audio": true, "content_filter": true})"};
  for (const char* e : examples) {
    const report r = validate(e);
    INFO(to_text(r));
    CHECK(r.ok());
    CHECK(r.empty());
  }
}

TEST_CASE("JSON-level codes: trigger and near miss", "[validate][codes]") {
  SECTION("invalid_json, with the byte offset") {
    const report r = validate(R"({"model": "x", "prompt": })");
    REQUIRE(r.size() == 1);
    CHECK(r[0].code == code::invalid_json);
    CHECK(r[0].path == "");
    CHECK(r[0].message.find("byte offset 25, line 1, column 26") != std::string::npos);  // the '}'
    CHECK(validate(t2v.dump()).ok());
  }
  SECTION("not_an_object") {
    CHECK(validate(json::array()).has(code::not_an_object, ""));
    CHECK(validate(R"("a string")").has(code::not_an_object));
    CHECK_FALSE(validate(t2v).has(code::not_an_object));
  }
  SECTION("missing_field") {
    json j = t2v;
    j.erase("prompt");
    CHECK(validate(j).has(code::missing_field, "/prompt"));
    j = t2v;
    j.erase("model");
    CHECK(validate(j).has(code::missing_field, "/model"));
    CHECK_FALSE(validate(t2v).has(code::missing_field));
  }
  SECTION("wrong_type, for every field") {
    const std::vector<std::pair<std::string, json>> wrong{{"/model", 3},
                                                          {"/prompt", json::array()},
                                                          {"/image_urls", "https://example.com/a.jpg"},
                                                          {"/duration", "5"},
                                                          {"/quality", 720},
                                                          {"/aspect_ratio", nullptr},
                                                          {"/generate_audio", 1},
                                                          {"/content_filter", "true"},
                                                          {"/callback_url", json::object()},
                                                          {"/model_params", true},
                                                          {"/model_params/web_search", "yes"},
                                                          {"/video_urls", json{{"a", 1}}}};
    for (const auto& [ptr, value] : wrong) {
      INFO(ptr);
      const report r = validate(with(r2v, ptr, value));
      CHECK(r.has(code::wrong_type, ptr));
    }
    CHECK(validate(with(r2v, "/image_urls/0", 42)).has(code::wrong_type, "/image_urls/0"));
    CHECK_FALSE(validate(r2v).has(code::wrong_type));
  }
  SECTION("unknown_model names the closest id") {
    const report r = validate(with(t2v, "/model", "seedance-2.0-text-to-vidoe"));
    REQUIRE(r.has(code::unknown_model, "/model"));
    CHECK(r[0].message.find("seedance-2.0-text-to-video") != std::string::npos);
    CHECK_FALSE(validate(t2v).has(code::unknown_model));
  }
  SECTION("unknown_field, top level and in model_params") {
    const report r = validate(with(with(t2v, "/image_url", "x"), "/model_params/web_serch", true));
    CHECK(r.has(code::unknown_field, "/image_url"));
    CHECK(r.has(code::unknown_field, "/model_params/web_serch"));
    CHECK(r.ok());  // warnings only
    json odd = t2v;
    odd["a~b/c"] = 1;
    CHECK(validate(odd).has(code::unknown_field, "/a~0b~1c"));  // RFC 6901 escaping
    CHECK_FALSE(validate(with(t2v, "/callback_url", "https://example.com/cb")).has(code::unknown_field));
  }
}

TEST_CASE("prompt codes", "[validate][codes][prompt]") {
  SECTION("prompt_empty: empty, or only Unicode White_Space") {
    // White_Space (Unicode PropList.txt): U+0009..000D, 0020, 0085, 00A0, 1680, 2000..200A, 2028,
    // 2029, 202F, 205F, 3000.
    for (const char* p : {"", "   ", "\t\n", "\u3000\u3000", "\u0085", "\u00A0\u1680\u2000\u200A\u2028\u2029\u202F\u205F", "\v\f\r"}) {
      INFO(p);
      CHECK(validate(with(t2v, "/prompt", p)).has(code::prompt_empty, "/prompt"));
    }
    CHECK_FALSE(validate(with(t2v, "/prompt", " a ")).has(code::prompt_empty));
    // Invisible format characters are not White_Space: "empty or only white space" does not hold.
    for (const char* p : {"\u200B", "\u200C\u200D", "\u2060", "\uFEFF", " \u200B "}) {
      INFO(p);
      const report r = validate(with(t2v, "/prompt", p));
      CHECK_FALSE(r.has(code::prompt_empty));
      CHECK(r.empty());
    }
  }
  SECTION("prompt_long: 500 CJK characters pass, 501 warn; 1000 words pass, 1001 warn") {
    std::string cjk500, cjk501;
    for (int i = 0; i < 500; ++i) cjk500 += "猫";
    cjk501 = cjk500 + "猫";
    CHECK_FALSE(validate(with(t2v, "/prompt", cjk500)).has(code::prompt_long));
    CHECK(validate(with(t2v, "/prompt", cjk501)).has(code::prompt_long, "/prompt"));
    std::string w1000, w1001;
    for (int i = 0; i < 1000; ++i) w1000 += "word ";
    w1001 = w1000 + "more";
    CHECK_FALSE(validate(with(t2v, "/prompt", w1000)).has(code::prompt_long));
    const report r = validate(with(t2v, "/prompt", w1001));
    CHECK(r.has(code::prompt_long));
    CHECK(r.ok());
    const prompt_stats st = measure_prompt("猫 cat, 犬dog。 hello-world 123");
    CHECK(st.cjk == 3);    // 猫 犬 。
    CHECK(st.words == 4);  // cat, dog hello-world 123
  }
  SECTION("prompt_too_long: only beyond the lower bound on tokens") {
    std::string ten_thousand, ten_thousand_one;
    for (int i = 0; i < 10000; ++i) ten_thousand += "a ";
    ten_thousand_one = ten_thousand + "b";
    CHECK_FALSE(validate(with(t2v, "/prompt", ten_thousand)).has(code::prompt_too_long));
    CHECK(validate(with(t2v, "/prompt", ten_thousand_one)).has(code::prompt_too_long, "/prompt"));
    // No white space: bounded by bytes / max_token_bytes.
    CHECK_FALSE(validate(with(t2v, "/prompt", std::string(10000 * prompt_bounds::max_token_bytes, 'x'))).has(code::prompt_too_long));
    CHECK(validate(with(t2v, "/prompt", std::string(10000 * prompt_bounds::max_token_bytes + 1, 'x'))).has(code::prompt_too_long));
  }
  SECTION("prompt_tag_out_of_range") {
    const json j = with(r2v, "/prompt", "use @image1 and @video1 and @audio1");
    CHECK_FALSE(validate(j).has(code::prompt_tag_out_of_range));
    const report r = validate(with(r2v, "/prompt", "use @image2, @video0 and @Audio4"));
    CHECK(r.size() == 3);
    CHECK(r.has(code::prompt_tag_out_of_range, "/prompt"));
    CHECK(r.ok());
    CHECK_FALSE(validate(with(r2v, "/prompt", "mail me@imagery.com")).has(code::prompt_tag_out_of_range));
    // an '@' inside an e-mail address is not a tag; one after a space, a bracket or CJK text is
    for (const char* mail : {"write to foo@image2.com", "a.b@video9.example", "x-y@audio7.cn", "n_1@image5.org"}) {
      INFO(mail);
      CHECK_FALSE(validate(with(r2v, "/prompt", mail)).has(code::prompt_tag_out_of_range));
    }
    for (const char* tag : {"(@image2)", "\u53c2\u8003@image2\u7684\u98ce\u683c", "@image2", "see:@image2"}) {
      INFO(tag);
      CHECK(validate(with(r2v, "/prompt", tag)).has(code::prompt_tag_out_of_range));
    }
    // every digit counts, and the message writes the tag as the prompt does
    const report longer = validate(with(r2v, "/prompt", "use @image0000000002 and @image10000000000000000000000001"));
    REQUIRE(longer.size() == 2);
    CHECK_THAT(longer[0].message, Catch::StartsWith("the prompt names @image0000000002 but image_urls has 1 entry"));
    CHECK_THAT(longer[1].message, Catch::StartsWith("the prompt names @image10000000000000000000000001 but"));
  }
  SECTION("invalid UTF-8 in a json built in C++ is a diagnostic") {
    CHECK(validate(with(t2v, "/prompt", std::string("caf\xC3", 4))).has(code::invalid_utf8, "/prompt"));
    CHECK(validate(with(t2v, "/prompt", std::string("\xED\xA0\x80"))).has(code::invalid_utf8));  // a surrogate
    CHECK_FALSE(validate(with(t2v, "/prompt", "café")).has(code::invalid_utf8));
  }
}

TEST_CASE("value codes: duration, enums, quality, web search", "[validate][codes]") {
  SECTION("duration_out_of_range: 4 and 15 pass, 3 and 16 fail, fractions fail") {
    for (int d : {4, 5, 15}) CHECK_FALSE(validate(with(t2v, "/duration", d)).has(code::duration_out_of_range));
    for (json d :
         {json(3), json(16), json(-1), json(0), json(4.0), json(5.5), json(18446744073709551615ull), json(-9223372036854775807ll)}) {
      INFO(d.dump());
      CHECK(validate(with(t2v, "/duration", d)).has(code::duration_out_of_range, "/duration"));
    }
    const report r = validate(with(t2v, "/duration", 16));
    CHECK(r[0].message == "duration 16 is outside 4..15 seconds");
  }
  SECTION("invalid_enum") {
    CHECK(validate(with(t2v, "/quality", "8k")).has(code::invalid_enum, "/quality"));
    CHECK(validate(with(t2v, "/aspect_ratio", "16:10")).has(code::invalid_enum, "/aspect_ratio"));
    CHECK_FALSE(validate(with(with(t2v, "/quality", "4k"), "/aspect_ratio", "9:16")).has(code::invalid_enum));
  }
  SECTION("quality_unsupported: 1080p and 4k on fast and mini") {
    for (const char* m : {"seedance-2.0-fast-text-to-video", "seedance-2.0-mini-text-to-video"}) {
      for (const char* q : {"1080p", "4k"})
        CHECK(validate(with(with(t2v, "/model", m), "/quality", q)).has(code::quality_unsupported, "/quality"));
      CHECK_FALSE(validate(with(with(t2v, "/model", m), "/quality", "720p")).has(code::quality_unsupported));
    }
    CHECK_FALSE(validate(with(t2v, "/quality", "4k")).has(code::quality_unsupported));
  }
  SECTION("web_search_unsupported and field_ignored for model_params") {
    const json mini = with(t2v, "/model", "seedance-2.0-mini-text-to-video");
    CHECK(validate(with(mini, "/model_params/web_search", true)).has(code::web_search_unsupported, "/model_params/web_search"));
    CHECK(validate(with(i2v, "/model_params/web_search", true)).has(code::web_search_unsupported));
    const report off = validate(with(mini, "/model_params/web_search", false));
    CHECK(off.has(code::field_ignored, "/model_params/web_search"));
    CHECK(off.ok());
    for (const char* m : {"seedance-2.0-text-to-video", "seedance-2.0-fast-text-to-video"}) {
      CHECK(validate(with(with(t2v, "/model", m), "/model_params/web_search", true)).empty());
    }
  }
}

TEST_CASE("media count codes", "[validate][codes][media]") {
  SECTION("media_unsupported and field_ignored") {
    CHECK(validate(with(t2v, "/image_urls", {"https://example.com/a.jpg"})).has(code::media_unsupported, "/image_urls"));
    CHECK(validate(with(i2v, "/video_urls", {"https://example.com/a.mp4"})).has(code::media_unsupported, "/video_urls"));
    CHECK(validate(with(i2v, "/audio_urls", {"https://example.com/a.mp3"})).has(code::media_unsupported, "/audio_urls"));
    const report empty = validate(with(t2v, "/video_urls", json::array()));
    CHECK(empty.has(code::field_ignored, "/video_urls"));
    CHECK(empty.ok());
    CHECK_FALSE(validate(r2v).has(code::media_unsupported));
  }
  SECTION("too_few_media: image-to-video without an image") {
    json j = i2v;
    j.erase("image_urls");
    CHECK(validate(j).has(code::too_few_media, "/image_urls"));
    CHECK(validate(with(i2v, "/image_urls", json::array())).has(code::too_few_media, "/image_urls"));
    CHECK_FALSE(validate(i2v).has(code::too_few_media));
  }
  SECTION("too_many_media: 2/9 images, 3 videos, 3 audios") {
    CHECK_FALSE(
        validate(with(i2v, "/image_urls", json(std::vector<std::string>(2, "https://example.com/a.jpg")))).has(code::too_many_media));
    CHECK(validate(with(i2v, "/image_urls", json(std::vector<std::string>(3, "https://example.com/a.jpg"))))
              .has(code::too_many_media, "/image_urls"));
    CHECK_FALSE(
        validate(with(r2v, "/image_urls", json(std::vector<std::string>(9, "https://example.com/a.jpg")))).has(code::too_many_media));
    CHECK(validate(with(r2v, "/image_urls", json(std::vector<std::string>(10, "https://example.com/a.jpg"))))
              .has(code::too_many_media, "/image_urls"));
    CHECK_FALSE(
        validate(with(r2v, "/video_urls", json(std::vector<std::string>(3, "https://example.com/v.mp4")))).has(code::too_many_media));
    CHECK(validate(with(r2v, "/video_urls", json(std::vector<std::string>(4, "https://example.com/v.mp4"))))
              .has(code::too_many_media, "/video_urls"));
    CHECK(validate(with(r2v, "/audio_urls", json(std::vector<std::string>(4, "https://example.com/a.mp3"))))
              .has(code::too_many_media, "/audio_urls"));
  }
  SECTION("audio_needs_visual and reference_missing") {
    json audio_only = r2v;
    audio_only.erase("image_urls");
    audio_only.erase("video_urls");
    CHECK(validate(audio_only).has(code::audio_needs_visual, "/audio_urls"));
    json with_video = r2v;
    with_video.erase("image_urls");
    CHECK_FALSE(validate(with_video).has(code::audio_needs_visual));
    json none = json{{"model", "seedance-2.0-mini-reference-to-video"}, {"prompt", "p"}};
    const report r = validate(none);
    CHECK(r.has(code::reference_missing, ""));
    CHECK(r.ok());
    CHECK_FALSE(validate(r2v).has(code::reference_missing));
  }
}

TEST_CASE("URL codes", "[validate][codes][url]") {
  SECTION("invalid_url") {
    CHECK(validate(with(i2v, "/image_urls/0", "example.com/a.jpg")).has(code::invalid_url, "/image_urls/0"));
    CHECK(validate(with(i2v, "/image_urls/0", "https:///a.jpg")).has(code::invalid_url));
    CHECK(validate(with(t2v, "/callback_url", "not a url")).has(code::invalid_url, "/callback_url"));
    CHECK_FALSE(validate(i2v).has(code::invalid_url));
    // A URL with a scheme and a host can still be invalid (format: uri is RFC 3986): the message
    // says what is wrong, not that the scheme or host is missing.
    const report cjk = validate(with(i2v, "/image_urls/0", "https://example.com/\u56fe.png"));
    REQUIRE(cjk.size() == 1);
    CHECK(cjk[0].code == code::invalid_url);
    CHECK_THAT(cjk[0].message, Catch::Contains("is not a valid absolute URL (RFC 3986") && Catch::Contains("not ASCII") &&
                                   !Catch::Contains("scheme and a host"));
  }
  SECTION("url_not_public") {
    for (const char* u : {"https://127.0.0.1/a.jpg", "https://10.1.2.3/a.jpg", "https://localhost/a.jpg", "https://[::1]/a.jpg",
                          "https://0x7f.1/a.jpg", "https://a@192.168.0.1/a.jpg"}) {
      INFO(u);
      CHECK(validate(with(i2v, "/image_urls/0", u)).has(code::url_not_public, "/image_urls/0"));
    }
    CHECK_FALSE(validate(with(i2v, "/image_urls/0", "https://8.8.8.8/a.jpg")).has(code::url_not_public));
  }
  SECTION("callback_not_https, callback_private_host, callback_too_long") {
    CHECK(validate(with(t2v, "/callback_url", "http://example.com/cb")).has(code::callback_not_https, "/callback_url"));
    CHECK_FALSE(validate(with(t2v, "/callback_url", "https://example.com/cb")).has(code::callback_not_https));
    for (const char* u : {"https://127.0.0.1/cb", "https://2130706433/cb", "https://0177.0.0.1/cb", "https://172.16.0.1/cb",
                          "https://172.31.255.255/cb", "https://169.254.169.254/cb", "https://100.64.0.1/cb", "https://[fd00::1]/cb",
                          "https://[fe80::1]/cb", "https://[::ffff:10.0.0.1]/cb", "https://localhost./cb"}) {
      INFO(u);
      CHECK(validate(with(t2v, "/callback_url", u)).has(code::callback_private_host, "/callback_url"));
    }
    for (const char* u : {"https://172.32.0.1/cb", "https://100.128.0.1/cb", "https://example.com/cb"}) {
      INFO(u);
      CHECK_FALSE(validate(with(t2v, "/callback_url", u)).has(code::callback_private_host));
    }
    const std::string base = "https://example.com/";
    CHECK_FALSE(validate(with(t2v, "/callback_url", base + std::string(2048 - base.size(), 'a'))).has(code::callback_too_long));
    CHECK(validate(with(t2v, "/callback_url", base + std::string(2049 - base.size(), 'a'))).has(code::callback_too_long, "/callback_url"));
  }
  SECTION("base64_media") {
    CHECK(validate(with(i2v, "/image_urls/0", "data:image/png;base64,iVBORw0KGgo=")).has(code::base64_media, "/image_urls/0"));
    CHECK(validate(with(r2v, "/video_urls/0", "DATA:video/mp4;base64,AAAA")).has(code::base64_media, "/video_urls/0"));
    CHECK_FALSE(validate(with(i2v, "/image_urls/0", "https://example.com/data:x.jpg")).has(code::base64_media));
  }
  SECTION("media_extension") {
    CHECK(validate(with(i2v, "/image_urls/0", "https://example.com/a.gif")).has(code::media_extension, "/image_urls/0"));
    CHECK(validate(with(r2v, "/video_urls/0", "https://example.com/a.avi")).has(code::media_extension, "/video_urls/0"));
    CHECK(validate(with(r2v, "/audio_urls/0", "https://example.com/a.mp4")).has(code::media_extension, "/audio_urls/0"));
    for (const char* u : {"https://example.com/a.JPG", "https://example.com/a.jpeg", "https://example.com/a.webp",
                          "https://example.com/img?id=3", "https://example.com/a"}) {
      INFO(u);
      CHECK_FALSE(validate(with(i2v, "/image_urls/0", u)).has(code::media_extension));
    }
  }
  SECTION("body_too_large") {
    const std::string big(limits::body_max_bytes, 'a');
    CHECK(validate(with(t2v, "/prompt", big)).has(code::body_too_large, ""));
    const std::string text = with(t2v, "/prompt", std::string(limits::body_max_bytes - 200, 'a')).dump();
    CHECK_FALSE(validate(text).has(code::body_too_large));
    CHECK(validate(text + std::string(200, ' ')).has(code::body_too_large));
  }
}

TEST_CASE("many problems in one request: each reported, with its pointer", "[validate]") {
  const json j = json::parse(R"({"model": "seedance-2.0-fast-image-to-video", "prompt": " ",
      "image_urls": ["https://example.com/1.jpg", "data:image/png;base64,AA", "ftp//bad", "https://127.0.0.1/4.png"],
      "video_urls": ["https://example.com/v.mp4"], "duration": 16, "quality": "4k", "aspect_ratio": "16:10",
      "generate_audio": "yes", "callback_url": "http://10.0.0.1/cb", "model_params": {"web_search": true}, "seed": 7})");
  const report r = validate(j);
  INFO(to_text(r));
  CHECK(r.has(code::prompt_empty, "/prompt"));
  CHECK(r.has(code::too_many_media, "/image_urls"));
  CHECK(r.has(code::base64_media, "/image_urls/1"));
  CHECK(r.has(code::invalid_url, "/image_urls/2"));
  CHECK(r.has(code::url_not_public, "/image_urls/3"));
  CHECK(r.has(code::media_unsupported, "/video_urls"));
  CHECK(r.has(code::duration_out_of_range, "/duration"));
  CHECK(r.has(code::quality_unsupported, "/quality"));
  CHECK(r.has(code::invalid_enum, "/aspect_ratio"));
  CHECK(r.has(code::wrong_type, "/generate_audio"));
  CHECK(r.has(code::callback_not_https, "/callback_url"));
  CHECK(r.has(code::callback_private_host, "/callback_url"));
  CHECK(r.has(code::web_search_unsupported, "/model_params/web_search"));
  CHECK(r.has(code::unknown_field, "/seed"));
  CHECK(r.has(code::invalid_url, "/image_urls/1"));  // the data: URI is checked like a file: "AA" is not Base64 (2 characters)
  CHECK(r.errors() == 13);
  CHECK(r.warnings() == 2);  // unknown_field, and base64_media: a warning on image-to-video (December 2026)
  // A broken model does not stop the field rules.
  const report r2 = validate(with(with(t2v, "/model", 12), "/duration", 99));
  CHECK(r2.has(code::wrong_type, "/model"));
  CHECK(r2.has(code::duration_out_of_range, "/duration"));
}

TEST_CASE("media codes from properties", "[validate][codes][media-properties]") {
  const std::string img = "https://example.com/first.jpg";
  const std::string img2 = "https://example.com/last.jpg";
  const std::string vid = "https://example.com/v.mp4";
  const std::string aud = "https://example.com/a.mp3";
  const json two_frames = with(i2v, "/image_urls/1", img2);
  const auto image = [](std::uint32_t w, std::uint32_t h, media_format f = media_format::jpeg, std::uint64_t bytes = 1000) {
    return image_properties{f, w, h, bytes};
  };
  const auto video = [](std::uint32_t w, std::uint32_t h, double dur = 5, double fps = 24, media_format f = media_format::mp4,
                        std::uint64_t bytes = 1000) { return video_properties{f, w, h, dur, fps, bytes}; };
  const auto audio = [](double dur, media_format f = media_format::mp3, std::uint64_t bytes = 1000) {
    return audio_properties{f, dur, bytes};
  };

  SECTION("images") {
    CHECK(validate(i2v, {{img, image(1000, 1000)}}).empty());
    CHECK(validate(i2v, {{img, image(1000, 1000, media_format::other)}}).has(code::image_format, "/image_urls/0"));
    CHECK(validate(i2v, {{img, image(299, 300)}}).has(code::image_dimensions, "/image_urls/0"));
    CHECK_FALSE(validate(i2v, {{img, image(300, 300)}}).has(code::image_dimensions));
    CHECK(validate(i2v, {{img, image(6001, 3000)}}).has(code::image_dimensions));
    CHECK_FALSE(validate(i2v, {{img, image(6000, 3000)}}).has(code::image_dimensions));
    CHECK_FALSE(validate(i2v, {{img, image(2500, 1000)}}).has(code::image_aspect_ratio));  // exactly 2.5
    CHECK(validate(i2v, {{img, image(2501, 1000)}}).has(code::image_aspect_ratio, "/image_urls/0"));
    CHECK_FALSE(validate(i2v, {{img, image(400, 1000)}}).has(code::image_aspect_ratio));  // exactly 0.4
    CHECK(validate(i2v, {{img, image(399, 1000)}}).has(code::image_aspect_ratio));
    // A value just past a limit is not written as the limit: 2503/1001 is 2.5004995..., "2.500" to
    // 3 places
    const report past = validate(i2v, {{img, image(2503, 1001)}});
    REQUIRE(past.size() == 1);
    CHECK(past[0].message == "the image's aspect ratio 2503/1001 = 2.5005 is outside 0.4..2.5");
    CHECK_FALSE(validate(i2v, {{img, image(1000, 1000, media_format::png, 30 * mib)}}).has(code::image_too_large));
    CHECK(validate(i2v, {{img, image(1000, 1000, media_format::png, 30 * mib + 1)}}).has(code::image_too_large, "/image_urls/0"));
    // A video file given as an image: its format is the problem.
    CHECK(validate(i2v, {{img, video(1000, 1000)}}).has(code::image_format, "/image_urls/0"));
  }
  SECTION("last_frame_cropped") {
    CHECK(validate(two_frames, {{img, image(1600, 900)}, {img2, image(1000, 1000)}}).has(code::last_frame_cropped, "/image_urls/1"));
    CHECK_FALSE(validate(two_frames, {{img, image(1600, 900)}, {img2, image(800, 450)}}).has(code::last_frame_cropped));
    CHECK_FALSE(validate(two_frames, {{img, image(1600, 900)}}).has(code::last_frame_cropped));  // last unknown: skipped
  }
  SECTION("videos") {
    CHECK(validate(r2v, {{vid, video(1280, 720)}}).empty());
    CHECK(validate(r2v, {{vid, video(1280, 720, 5, 24, media_format::other)}}).has(code::video_format, "/video_urls/0"));
    CHECK(validate(r2v, {{vid, video(1280, 720, 5, 24, media_format::mov)}}).empty());
    CHECK(validate(r2v, {{vid, video(6001, 300)}}).has(code::video_dimensions));
    CHECK(validate(r2v, {{vid, video(2000, 790)}}).has(code::video_aspect_ratio));  // 2.53
    CHECK_FALSE(validate(r2v, {{vid, video(640, 640)}}).has(code::video_pixel_count));  // 409,600 exactly
    CHECK(validate(r2v, {{vid, video(640, 639)}}).has(code::video_pixel_count, "/video_urls/0"));
    CHECK_FALSE(validate(r2v, {{vid, video(2206, 946)}}).has(code::video_pixel_count));  // 2,086,876 exactly
    CHECK(validate(r2v, {{vid, video(2206, 947)}}).has(code::video_pixel_count));
    CHECK(validate(r2v, {{vid, video(1280, 720, 5, 23.976)}}).has(code::video_fps, "/video_urls/0"));
    CHECK_FALSE(validate(r2v, {{vid, video(1280, 720, 5, 60)}}).has(code::video_fps));
    CHECK(validate(r2v, {{vid, video(1280, 720, 5, 60.01)}}).has(code::video_fps));
    CHECK(validate(r2v, {{vid, video(1280, 720, 1.99)}}).has(code::video_duration, "/video_urls/0"));
    CHECK_FALSE(validate(r2v, {{vid, video(1280, 720, 2)}}).has(code::video_duration));
    CHECK(validate(r2v, {{vid, video(1280, 720, 16)}}).has(code::video_duration));
    CHECK(validate(r2v, {{vid, video(1280, 720, 5, 24, media_format::mp4, 50 * mib + 1)}}).has(code::video_too_large));
    CHECK_FALSE(validate(r2v, {{vid, video(1280, 720, 5, 24, media_format::mp4, 50 * mib)}}).has(code::video_too_large));
  }
  SECTION("video_total_duration: three videos of 5 s pass, 5+5+6 fail") {
    const json three = with(with(r2v, "/video_urls/1", "https://example.com/v2.mp4"), "/video_urls/2", "https://example.com/v3.mp4");
    media_map ok{{vid, video(1280, 720, 5)},
                 {"https://example.com/v2.mp4", video(1280, 720, 5)},
                 {"https://example.com/v3.mp4", video(1280, 720, 5)}};
    CHECK_FALSE(validate(three, ok).has(code::video_total_duration));
    ok["https://example.com/v3.mp4"] = video(1280, 720, 6);
    CHECK(validate(three, ok).has(code::video_total_duration, "/video_urls"));
    // Exactly 15 s is allowed, also when the sum of the doubles is not 15: 2.2 + 5.9 + 6.9 is
    // 15.000000000000002 in binary floating point.
    REQUIRE(2.2 + 5.9 + 6.9 > 15.0);
    media_map fifteen{{vid, video(1280, 720, 2.2)},
                      {"https://example.com/v2.mp4", video(1280, 720, 5.9)},
                      {"https://example.com/v3.mp4", video(1280, 720, 6.9)}};
    CHECK_FALSE(validate(three, fifteen).has(code::video_total_duration));
    // ... and 1 ms over is over; 0.4 ms over is written as such, not as "15 s"
    fifteen["https://example.com/v3.mp4"] = video(1280, 720, 6.901);
    CHECK(validate(three, fifteen).has(code::video_total_duration, "/video_urls"));
    fifteen["https://example.com/v3.mp4"] = video(1280, 720, 6.9004);
    const report over = validate(three, fifteen);
    REQUIRE(over.size() == 1);
    CHECK(over[0].message == "the videos last 15.0004 s together, over the 15 s limit");
  }
  SECTION("audio") {
    CHECK(validate(r2v, {{aud, audio(10)}}).empty());
    CHECK(validate(r2v, {{aud, audio(10, media_format::other)}}).has(code::audio_format, "/audio_urls/0"));
    CHECK(validate(r2v, {{aud, audio(1.5)}}).has(code::audio_duration, "/audio_urls/0"));
    CHECK(validate(r2v, {{aud, audio(15.5)}}).has(code::audio_duration));
    CHECK(validate(r2v, {{aud, audio(10, media_format::wav, 15 * mib + 1)}}).has(code::audio_too_large));
    CHECK_FALSE(validate(r2v, {{aud, audio(10, media_format::wav, 15 * mib)}}).has(code::audio_too_large));
    const json two = with(r2v, "/audio_urls/1", "https://example.com/b.wav");
    CHECK(validate(two, {{aud, audio(8)}, {"https://example.com/b.wav", audio(8)}}).has(code::audio_total_duration, "/audio_urls"));
    CHECK_FALSE(validate(two, {{aud, audio(7)}, {"https://example.com/b.wav", audio(8)}}).has(code::audio_total_duration));
    const json three = with(two, "/audio_urls/2", "https://example.com/c.wav");
    CHECK_FALSE(validate(three, {{aud, audio(2.2)}, {"https://example.com/b.wav", audio(5.9)}, {"https://example.com/c.wav", audio(6.9)}})
                    .has(code::audio_total_duration));
  }
  SECTION("unknown properties are skipped, not guessed") {
    CHECK(validate(r2v, {{vid, video_properties{}}}).empty());
    CHECK(validate(r2v, {{"https://example.com/other.mp4", video(10, 10)}}).empty());
  }
}

TEST_CASE("typed requests and bodies are validated with the same rules", "[validate][typed]") {
  auto r = request<models::fast_text_to_video>{"a cat"}.duration(20).quality(quality::p4k);
  const report rep = validate(r);
  CHECK(rep.has(code::duration_out_of_range, "/duration"));
  CHECK(rep.has(code::quality_unsupported, "/quality"));
  CHECK(validate(request<models::fast_text_to_video>{"a cat"}.duration<5>()).empty());
  // The runtime list path: counts the compiler could not see.
  auto many =
      request<models::image_to_video>{"p"}.images({"https://example.com/1.jpg", "https://example.com/2.jpg", "https://example.com/3.jpg"});
  CHECK(validate(many).has(code::too_many_media, "/image_urls"));
  CHECK(validate(request<models::image_to_video>{"p"}.images({})).has(code::too_few_media));
}

TEST_CASE("renderings: text and JSON", "[validate][report]") {
  const report r = validate(with(with(t2v, "/duration", 16), "/foo", 1));
  const std::string text = to_text(r);
  CHECK(text.find("error[duration_out_of_range] /duration: duration 16 is outside 4..15 seconds\n") != std::string::npos);
  CHECK(text.find("warning[unknown_field] /foo: ") != std::string::npos);
  CHECK(text.find("1 error, 1 warning\n") != std::string::npos);
  const json j = r;
  CHECK(j.at("valid") == false);
  CHECK(j.at("errors") == 1);
  CHECK(j.at("diagnostics").size() == 2);
  const json e = to_provider_error(r);
  CHECK(e.at("error").at("code") == "invalid_request");
  CHECK(e.at("error").at("type") == "invalid_request_error");
  CHECK(to_provider_error(validate(t2v)).at("error").is_null());
}

TEST_CASE("code names: every code's name and severity as docs/spec.md gives them", "[validate][report]") {
  CHECK(to_string(code::duration_out_of_range) == "duration_out_of_range");
  CHECK(to_string(code::audio_too_large) == "audio_too_large");
  CHECK(parse<code>("last_frame_cropped") == code::last_frame_cropped);
  const std::vector<std::string> warnings{
      "unknown_field",   "prompt_long",        "field_ignored", "reference_missing",          "prompt_tag_out_of_range",
      "media_extension", "last_frame_cropped", "duplicate_key", "first_frame_aspect_mismatch"};
  // severity by request or options: base64_media (by mode), unknown_field and field_ignored (strict mode)
  const std::vector<std::string> varies{"unknown_field", "field_ignored", "base64_media"};
  for (const code_info& c : code_catalogue) {
    INFO(c.name);
    const bool is_warning = std::find(warnings.begin(), warnings.end(), std::string(c.name)) != warnings.end();
    CHECK(severity_of(c.code) == (is_warning ? severity::warning : severity::error));
    CHECK(c.severity_varies == (std::find(varies.begin(), varies.end(), std::string(c.name)) != varies.end()));
  }
  CHECK(to_string(code::web_search_without_content_filter) == "web_search_without_content_filter");
  CHECK(code_catalogue.back().code == code::first_frame_aspect_mismatch);  // new codes are appended
}

TEST_CASE("hostile input yields diagnostics, never a crash", "[validate][hostile]") {
  SECTION("deep nesting: over the library's bound, not parsed at all") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const report r = validate(deep);
    REQUIRE(r.size() == 1);
    CHECK(r[0].code == code::invalid_json);
    const std::string deep_prompt =
        R"({"model": "seedance-2.0-text-to-video", "prompt": )" + std::string(100000, '[') + std::string(100000, ']') + "}";
    CHECK(validate(deep_prompt).has(code::invalid_json));
    // Within the bound, the rules run as usual.
    const std::string ok_depth =
        R"({"model": "seedance-2.0-text-to-video", "prompt": )" + std::string(100, '[') + std::string(100, ']') + "}";
    CHECK(validate(ok_depth).has(code::wrong_type, "/prompt"));
  }
  SECTION("huge strings, NUL bytes, bad UTF-8, huge numbers, duplicate keys") {
    // 10 MB without white space: at least 10,000,000 / max_token_bytes tokens.
    CHECK(validate(with(t2v, "/prompt", std::string(10 * 1000 * 1000, 'x'))).has(code::prompt_too_long, "/prompt"));
    CHECK(validate(with(t2v, "/prompt", std::string("a\0b", 3))).ok());
    CHECK(validate(std::string_view("{\"model\": \"\xff\"}")).has(code::invalid_json));
    {
      // Beyond the range of a double: invalid_json at the number's first byte (offset 67, worked
      // out from the text: 66 bytes before it, the 67th is '1').
      const std::string text = R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "duration": 1e400})";
      REQUIRE(text.find("1e400") == 67);
      const report big = validate(text);
      REQUIRE(big.size() == 1);
      CHECK(big[0].code == code::invalid_json);
      CHECK_THAT(big[0].message, Catch::Contains("byte offset 67, line 1, column 68"));
      CHECK_THAT(big[0].message, Catch::Contains("1e400 is beyond the range of a double"));
      CHECK_THAT(big[0].message, !Catch::Contains("64 bits"));
      REQUIRE(big[0].position);
      CHECK(*big[0].position == seedance::text_position{67, 1, 68});
    }
    const report dup = validate(R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "prompt": ""})");
    CHECK(dup.has(code::duplicate_key, "/prompt"));
    CHECK(dup.has(code::prompt_empty));
    CHECK(validate("").has(code::invalid_json));
    CHECK(validate(static_cast<const char*>(nullptr)).has(code::invalid_json));
    // Found by fuzz_validate: the parser's message quoted a stray 0xB9 byte, and dump() threw.
    const report stray = validate(std::string_view("{\"model\": \"seedance-2.0-text-to-video\", \"prompt\": \"p\"\xb9}"));
    REQUIRE(stray.has(code::invalid_json));
    CHECK_NOTHROW(json(stray).dump());
    CHECK(json(stray).dump().find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD stands for the byte
    json bad_key = t2v;
    bad_key["\xff"] = 1;  // only C++ can build this: keys parsed from text are valid UTF-8
    const report unknown = validate(bad_key);
    REQUIRE(unknown.has(code::unknown_field));
    CHECK_NOTHROW(json(unknown).dump());
    CHECK_NOTHROW(to_provider_error(unknown).dump());
  }
  SECTION("every field with every wrong type: wrong_type at the field's pointer, exactly when the type is wrong") {
    // The JSON type of each field, from docs/spec.md section 2 and the provider's page (written here,
    // not read from spec.hpp).
    const std::vector<std::pair<std::string, json::value_t>> types{
        {"model", json::value_t::string},           {"prompt", json::value_t::string},       {"image_urls", json::value_t::array},
        {"video_urls", json::value_t::array},       {"audio_urls", json::value_t::array},    {"duration", json::value_t::number_integer},
        {"quality", json::value_t::string},         {"aspect_ratio", json::value_t::string}, {"generate_audio", json::value_t::boolean},
        {"content_filter", json::value_t::boolean}, {"model_params", json::value_t::object}, {"callback_url", json::value_t::string}};
    REQUIRE(types.size() == request_fields.size());
    const std::vector<json> values{nullptr, true, 1, -1, 1.5, "s", json::array(), json::object(), json::array({1, "a"})};
    const auto same_type = [](const json& v, json::value_t t) {
      if (t == json::value_t::number_integer) return v.is_number();  // 1.5 is duration_out_of_range
      return v.type() == t;
    };
    int wrong = 0;
    for (const auto& [f, t] : types) {
      for (const json& v : values) {
        json j = r2v;
        j[f] = v;
        const report r = validate(j);
        INFO(f + " = " + v.dump() + "\n" + to_text(r));
        CHECK(r.has(code::wrong_type, "/" + f) == !same_type(v, t));
        wrong += same_type(v, t) ? 0 : 1;
        // An array of the wrong items: wrong_type at the item, not at the array.
        if (t == json::value_t::array && v.is_array() && !v.empty()) CHECK(r.has(code::wrong_type, "/" + f + "/0"));
        for (const diagnostic& d : r) CHECK_FALSE(d.message.empty());
      }
    }
    // Values of the right type: 5 string fields x 1 ("s"), 3 arrays x 2, duration x 3 (1, -1, 1.5),
    // 2 booleans x 1, model_params x 1 = 17 of the 12 x 9 pairs.
    CHECK(wrong == 12 * 9 - 17);
  }
}

TEST_CASE("diagnostics of a request given as text carry the value's line and column", "[validate][position]") {
  const std::string text =
      "{\n"
      "  \"model\": \"seedance-2.0-fast-text-to-video\",\n"
      "  \"prompt\": \"\\u4e00 @image3\",\n"
      "  \"duration\": 16,\n"
      "  \"quality\":\t\"1080p\",\n"
      "  \"image_urls\": [\"https://example.com/a.jpg\",\n     \"ftp://x\"],\n"
      "  \"seed\": 7\n"
      "}\n";
  // Expected positions, found by hand from unique markers (byte columns, 1-based).
  const auto at = [&](std::string_view marker) {
    const std::size_t offset = text.find(marker);
    REQUIRE(offset != std::string::npos);
    const std::size_t line_start = text.rfind('\n', offset) + 1;
    return seedance::text_position{
        offset, static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n')) + 1,
        offset - line_start + 1};
  };
  const report r = validate(text);
  const auto where = [&](code c, std::string_view path) -> std::optional<seedance::text_position> {
    for (const diagnostic& d : r)
      if (d.code == c && d.path == path) return d.position;
    FAIL("no " << to_string(c) << " at " << path);
    return std::nullopt;
  };
  CHECK(where(code::duration_out_of_range, "/duration") == at("16"));
  CHECK(where(code::duration_out_of_range, "/duration")->line == 4);
  CHECK(where(code::duration_out_of_range, "/duration")->column == 15);
  CHECK(where(code::quality_unsupported, "/quality") == at("\"1080p\""));
  CHECK(where(code::media_unsupported, "/image_urls") == at("[\"https"));
  CHECK(where(code::unknown_field, "/seed") == at("7\n"));
  CHECK(where(code::prompt_tag_out_of_range, "/prompt") == at("\"\\u4e00"));
  // JSON rendering: line and column
  const json j = r;
  bool seen = false;
  for (const json& d : j.at("diagnostics"))
    if (d.at("path") == "/duration") {
      CHECK(d.at("line") == 4);
      CHECK(d.at("column") == 15);
      seen = true;
    }
  CHECK(seen);
  // The same request as parsed JSON has no positions.
  for (const diagnostic& d : validate(json::parse(text))) CHECK_FALSE(d.position.has_value());
}

TEST_CASE("invalid_json is placed where parsing stopped, as the parser says", "[validate][position]") {
  const std::string text = "{\n  \"model\": \"seedance-2.0-text-to-video\",\n  \"prompt\": \"p\" \"x\"\n}";
  const report r = validate(text);
  REQUIRE(r.size() == 1);
  REQUIRE(r[0].position);
  CHECK(r[0].position->line == 3);
  // nlohmann/json stops at the last byte of the offending token, the string "x".
  const std::size_t token = text.find("\"x\"");
  CHECK(r[0].position->offset >= token);
  CHECK(r[0].position->offset < token + 3);
  CHECK(r[0].position->column == r[0].position->offset - text.rfind('\n', token));
  // and the message says the same line and column
  CHECK_THAT(r[0].message, Catch::Contains("line 3, column " + std::to_string(r[0].position->column)));
}

TEST_CASE("a NUL byte is invalid_json where it stands, not the end of the text", "[validate][hostile]") {
  const std::string valid = R"({"model": "seedance-2.0-text-to-video", "prompt": "x"})";
  REQUIRE(validate(valid).ok());
  // after a complete body (nlohmann's lexer would stop at the NUL and find the body complete)
  const std::string trailing = valid + std::string(1, '\0') + "GARBAGE{{{";
  report r = validate(trailing);
  REQUIRE(r.size() == 1);
  CHECK(r[0].code == code::invalid_json);
  REQUIRE(r[0].position);
  CHECK(r[0].position->offset == valid.size());
  CHECK_THAT(r[0].message, Catch::Contains("a NUL byte at byte offset " + std::to_string(valid.size())));
  CHECK_FALSE(parse_request(trailing).body.has_value());
  // inside a string
  r = validate(std::string(R"({"model": "seedance-2.0-text-to-video", "prompt": "a)") + std::string(1, '\0') + R"(b"})");
  REQUIRE(r.size() == 1);
  CHECK(r[0].code == code::invalid_json);
  CHECK_THAT(r[0].message, Catch::Contains("NUL byte"));
  // a syntax error before the NUL is the first problem, and is the one reported
  r = validate(std::string(R"({"model": ,)") + std::string(1, '\0'));
  REQUIRE(r.size() == 1);
  CHECK_THAT(r[0].message, !Catch::Contains("NUL byte"));
  // UTF-16: a hint
  const std::string utf16("{\0\"\0", 4);
  r = validate(utf16);
  REQUIRE(r.size() == 1);
  CHECK_THAT(r[0].message, Catch::Contains("UTF-16"));
}

TEST_CASE("a UTF-8 byte order mark: the body is read, and every diagnostic keeps its position", "[validate][position]") {
  const std::string body = "{\n  \"model\": \"seedance-2.0-fast-text-to-video\",\n  \"prompt\": \"p\",\n  \"duration\": 16\n}";
  const report plain = validate(body);
  const report bom = validate("\xEF\xBB\xBF" + body);
  REQUIRE(plain.size() == 1);
  REQUIRE(bom.size() == 1);
  REQUIRE(bom[0].position);
  CHECK(bom[0].position->line == 4);
  CHECK(bom[0].position->offset == plain[0].position->offset + 3);  // offsets are the file's
  CHECK(bom[0].position->column == plain[0].position->column);      // not on line 1: columns unchanged
}

TEST_CASE("locate_values: keys with escapes, duplicates, nesting, hostile depth", "[validate][position]") {
  using seedance::locate;
  const std::string t = R"({"a/b": 1, "m~n": [10, {"x": [true]}], "\u0070rompt": "s", "k": 1, "k": 2, "s": "[{\"]"})";
  CHECK(locate(t, "")->offset == 0);
  CHECK(locate(t, "/a~1b")->offset == t.find("1,"));
  CHECK(locate(t, "/m~0n/0")->offset == t.find("10"));
  CHECK(locate(t, "/m~0n/1/x/0")->offset == t.find("true"));
  CHECK(locate(t, "/prompt")->offset == t.find("\"s\""));
  CHECK(locate(t, "/k")->offset == t.find("2,"));  // the last of duplicates, as nlohmann keeps
  CHECK(locate(t, "/s")->offset == t.find("\"[{"));
  CHECK_FALSE(locate(t, "/absent"));
  CHECK_FALSE(locate(t, "/m~0n/2"));
  const std::string deep = std::string(1'000'000, '[') + "1" + std::string(1'000'000, ']');
  CHECK(locate(deep, "/0/0/0")->offset == 3);
  CHECK_FALSE(locate("{\"a\": [1, 2", "/a/5"));  // truncated text: no crash, nothing found
  CHECK(seedance::position_of("ab\ncd", 4) == seedance::text_position{4, 2, 2});
}

TEST_CASE("locate_values: containers that hold no sought value are skipped whole, brackets in strings included", "[validate][position]") {
  // "/a" is sought but nothing below it: its container is skipped without reading its keys; the
  // strings in it hold brackets, quotes and escapes that a careless skip would count.
  const std::string t = R"({"a": {"x": "}]\"{[", "y": [1, {"z": "]\\"}], "\"": "{"}, "b": [2, {"c": "]}"}], "d": 3, "a2": {"q": 1}})";
  const std::vector<std::string> pointers{"/d", "/a", "/b/1/c", "/b", "/a2/q", "/a/y/1/z"};
  const auto found = seedance::locate_values(t, pointers, 4);
  REQUIRE(found.size() == pointers.size());
  CHECK(found[0] == t.find("3,"));
  CHECK(found[1] == t.find("{\"x\""));
  CHECK(found[2] == t.find("\"]}\""));
  CHECK(found[3] == t.find("[2,"));
  CHECK(found[4] == t.find("1}}"));
  CHECK(found[5] == t.find(R"("]\\"})"));  // "/a" sought and below it too: both found
  // With only "/a" and "/d" sought, "/a" is recorded, its inside skipped, and "/d" still found.
  const auto two = seedance::locate_values(t, std::vector<std::string>{"/d", "/a"}, 1);
  CHECK(two[0] == t.find("3,"));
  CHECK(two[1] == t.find("{\"x\""));
  // A report's positions come out in the same pass, lines and columns counted from the offsets.
  seedance::report r;
  r.add(seedance::code::unknown_field, "/d", "x");
  r.add(seedance::code::unknown_field, "/a2/q", "y");
  const std::string lines = "{\n  \"a\": [\"]\"],\n  \"d\": 3,\n  \"a2\": {\"q\": 1}\n}";
  r.locate_in(lines);
  CHECK(r[0].position == seedance::text_position{lines.find("3,"), 3, 8});
  CHECK(r[1].position == seedance::text_position{lines.find("1}"), 4, 15});
}

// =============================================================================================
// Reading the text once: parse_request, the nesting bound, numbers beyond a double
// =============================================================================================

TEST_CASE("parse_request + validate(parsed, text) is validate(text)", "[validate][parse-once]") {
  const media_map media{{"https://example.com/v.mp4", video_properties{media_format::mp4, 100, 100, 5.0, 24.0, 1000}}};
  const std::vector<std::string> texts{
      R"({"model": "seedance-2.0-text-to-video", "prompt": "a cat"})",
      R"({"model": "seedance-2.0-reference-to-video", "prompt": "an ad", "video_urls": ["https://example.com/v.mp4"]})",
      R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "prompt": "", "duration": 16})",
      R"({"model": "x", "prompt": })",
      R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "duration": 1e400})",
      std::string(200, '[') + std::string(200, ']'),
      "",
      "[]",
      "{\"model\": \"seedance-2.0-text-to-video\", \"prompt\": \"p\"\xb9}"};
  for (const std::string& t : texts) {
    INFO(t.substr(0, 120));
    const parsed_request p = parse_request(t);
    CHECK(validate(p, t, media) == validate(t, media));
    CHECK(validate(p, t) == validate(t));
    // the text-level diagnostics carry their positions already
    for (const diagnostic& d : p.diagnostics)
      if (d.code != code::body_too_large) CHECK(d.position.has_value());
  }
  SECTION("a valid text: the body, no diagnostics") {
    const std::string t = R"({"model": "seedance-2.0-text-to-video", "prompt": "a cat", "duration": 8})";
    const parsed_request p = parse_request(t);
    REQUIRE(p.body);
    CHECK(*p.body == json::parse(t));
    CHECK(p.diagnostics.empty());
    CHECK(p.diagnostics.ok());
  }
  SECTION("the body is the DOM nlohmann/json's own parser builds") {
    for (const std::string& t :
         std::vector<std::string>{R"({"a": [1, -2, 3.5, 1e3, 18446744073709551615, 18446744073709551616, true, false, null]})",
                                  R"({"k": {"x": [[], {}, [{}], {"y": [[[]]]}], "s": "\u00e9\ud83d\ude00\n"}, "k": 2, "e": ""})",
                                  R"([{"a": 1, "a": {"b": [1, 2]}, "a": [3]}, "x", 0, -0, 0.0, "\"[{"])", R"("just a string")", "17",
                                  "  null  ", std::string(100, '[') + std::string(100, ']')}) {
      INFO(t);
      const parsed_request p = parse_request(t);
      REQUIRE(p.body);
      CHECK(*p.body == json::parse(t));
      CHECK(p.body->dump() == json::parse(t).dump());
    }
  }
  SECTION("invalid text: no body, invalid_json with its position") {
    const std::string t = "{\"model\": \"x\",\n \"prompt\": ]}";
    const parsed_request p = parse_request(t);
    CHECK_FALSE(p.body);
    REQUIRE(p.diagnostics.size() == 1);
    CHECK(p.diagnostics[0].code == code::invalid_json);
    CHECK(p.diagnostics[0].position == seedance::text_position{t.find(']'), 2, 12});
  }
  SECTION("over the body limit: no body, body_too_large, nothing parsed") {
    const std::string t(limits::body_max_bytes + 1, ' ');
    const parsed_request p = parse_request(t);
    CHECK_FALSE(p.body);
    REQUIRE(p.diagnostics.size() == 1);
    CHECK(p.diagnostics[0].code == code::body_too_large);
  }
  SECTION("a duplicate key: the body (last value kept) and a positioned duplicate_key") {
    const std::string t = R"({"model": "seedance-2.0-text-to-video", "prompt": "a", "prompt": "b"})";
    const parsed_request p = parse_request(t);
    REQUIRE(p.body);
    CHECK(p.body->at("prompt") == "b");
    REQUIRE(p.diagnostics.size() == 1);
    CHECK(p.diagnostics[0].code == code::duplicate_key);
    CHECK(p.diagnostics[0].path == "/prompt");
    REQUIRE(p.diagnostics[0].position);
    CHECK(p.diagnostics[0].position->offset == t.find("\"b\""));
  }
}

TEST_CASE("nesting deeper than the library's bound is invalid_json, found before parsing", "[validate][parse-once][hostile]") {
  constexpr std::size_t max = validation_bounds::max_json_depth;
  const auto single_invalid_json_at = [](const std::string& text, std::size_t offset) {
    const parsed_request p = parse_request(text);
    CHECK_FALSE(p.body);
    REQUIRE(p.diagnostics.size() == 1);
    const diagnostic& d = p.diagnostics[0];
    CHECK(d.code == code::invalid_json);
    REQUIRE(d.position);
    CHECK(d.position->offset == offset);
    return d.message;
  };
  SECTION("the level past the bound opens at offset max; max levels parse") {
    // '[' number k (0-based) opens level k+1: the first one past the bound is at offset max.
    const std::string message = single_invalid_json_at(std::string(max + 1, '[') + std::string(max + 1, ']'), max);
    CHECK_THAT(message, Catch::Contains("more than " + std::to_string(max) + " levels deep"));
    CHECK_THAT(message, Catch::Contains("this library's bound"));
    CHECK_THAT(message, Catch::Contains("RFC 8259 section 9"));
    CHECK(validate(std::string(max, '[') + std::string(max, ']')).has(code::not_an_object));
    std::string objects;
    for (std::size_t i = 0; i < max; ++i) objects += "{\"a\":";
    CHECK(validate(objects + "1" + std::string(max, '}')).has(code::missing_field));  // max levels of objects parse
    // one more level, as an array inside: opens after the max "{\"a\":" (5 bytes each)
    single_invalid_json_at(objects + "[1]" + std::string(max, '}'), 5 * max);
  }
  SECTION("1,000,000 levels and a 64 MiB body of '[': one diagnostic, at once") {
    single_invalid_json_at(std::string(1'000'000, '['), max);
    const std::string all(limits::body_max_bytes, '[');
    const report r = validate(all);
    REQUIRE(r.size() == 1);
    CHECK(r[0].code == code::invalid_json);
    CHECK(r[0].position->offset == max);
    // and 32M levels of [[...]] in exactly 64 MiB
    std::string balanced(limits::body_max_bytes / 2, '[');
    balanced.append(limits::body_max_bytes / 2, ']');
    single_invalid_json_at(balanced, max);
  }
  SECTION("brackets in strings do not count, escaped quotes included") {
    const std::string inside = "\\\"" + std::string(1000, '[') + "{\\\\";
    const std::string t = R"({"model": "seedance-2.0-text-to-video", "prompt": ")" + inside + R"("})";
    const report r = validate(t);
    INFO(to_text(r));
    CHECK(r.empty());
  }
  SECTION("a syntax error before the bound is the one reported") {
    const std::string t = "{\"a\": x" + std::string(1000, '[');
    const std::string message = single_invalid_json_at(t, t.find('x'));
    CHECK_THAT(message, Catch::Contains("not valid JSON"));
  }
}

TEST_CASE("a number beyond a double: invalid_json at the number, with line and column", "[validate][parse-once]") {
  const std::string t = "{\"model\": \"seedance-2.0-text-to-video\",\n  \"prompt\": \"p\", \"x\": [1, -1E+400]}";
  const report r = validate(t);
  REQUIRE(r.size() == 1);
  CHECK(r[0].code == code::invalid_json);
  const std::size_t at = t.find("-1E+400");
  REQUIRE(r[0].position);
  CHECK(*r[0].position == seedance::text_position{at, 2, at - t.find('\n')});
  CHECK_THAT(r[0].message, Catch::Contains("-1E+400 is beyond the range of a double"));
  // inside the nesting scan's prefix too
  const std::string deep = "[1e999, " + std::string(500, '[');
  const parsed_request p = parse_request(deep);
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics[0].position->offset == 1);
  CHECK_THAT(p.diagnostics[0].message, Catch::Contains("1e999 is beyond the range of a double"));
}

// =============================================================================================
// Bounded output: caps per group and code, each with one summary of the same code
// =============================================================================================

TEST_CASE("diagnostics are capped per array and code, with one summary", "[validate][caps][hostile]") {
  constexpr std::size_t cap = validation_bounds::max_repeats;
  const auto count = [](const report& r, code c) {
    return static_cast<std::size_t>(std::count_if(r.begin(), r.end(), [c](const diagnostic& d) { return d.code == c; }));
  };
  SECTION("400,000 wrong items in image_urls") {
    std::string t = R"({"model": "seedance-2.0-reference-to-video", "prompt": "p", "video_urls": [7], "image_urls": [)";
    for (int i = 0; i < 400000; ++i) t += i ? ",1" : "1";
    t += "]}";
    const report r = validate(t);
    INFO(to_text(r).substr(0, 4000));
    // cap item diagnostics + the summary, + video_urls/0 (its own group), + too_many_media
    CHECK(count(r, code::wrong_type) == cap + 1 + 1);
    CHECK(r.has(code::wrong_type, "/image_urls/" + std::to_string(cap - 1)));
    CHECK_FALSE(r.has(code::wrong_type, "/image_urls/" + std::to_string(cap)));
    CHECK(r.has(code::wrong_type, "/video_urls/0"));
    CHECK(r.has(code::too_many_media, "/image_urls"));
    bool summary = false;
    for (const diagnostic& d : r)
      if (d.code == code::wrong_type && d.path == "/image_urls") {
        summary = true;
        CHECK_THAT(d.message, Catch::StartsWith(std::to_string(400000 - cap) + " more items of image_urls have this problem"));
        CHECK(d.severity == severity::error);
      }
    CHECK(summary);
    CHECK(r.size() == cap + 3);
  }
  SECTION("URLs: each code has its own cap") {
    json j = r2v;
    j["image_urls"] = json::array();
    for (int i = 0; i < 40; ++i) j["image_urls"].push_back(i % 2 ? "https://127.0.0.1/a.gif" : "not a url");
    const report r = validate(j);
    CHECK(count(r, code::invalid_url) == cap + 1);
    CHECK(count(r, code::url_not_public) == cap + 1);
    CHECK(count(r, code::media_extension) == cap + 1);
    CHECK(r.has(code::url_not_public, "/image_urls"));
  }
  SECTION("20,000 unknown keys of 64 bytes: capped, no distance computed past the cap") {
    json j = t2v;
    for (int i = 0; i < 20000; ++i) {
      std::string k = std::to_string(i);
      k += std::string(64 - k.size(), 'k');
      j[k] = 1;
    }
    j["duration"] = 99;  // an error after the warnings is still reported
    const report r = validate(j.dump());
    CHECK(count(r, code::unknown_field) == cap + 1);
    CHECK(r.has(code::unknown_field, ""));
    CHECK(r.has(code::duration_out_of_range, "/duration"));
    CHECK_FALSE(r.ok());
  }
  SECTION("unknown model_params keys") {
    json j = t2v;
    for (int i = 0; i < 100; ++i) j["model_params"]["k" + std::to_string(i)] = 1;
    const report r = validate(j);
    CHECK(count(r, code::unknown_field) == cap + 1);
    CHECK(r.has(code::unknown_field, "/model_params"));
  }
  SECTION("40,000 distinct out-of-range tags: linear, capped; repeats of a listed tag are not counted") {
    std::string p;
    for (int i = 2; i < 40002; ++i) p += "@image" + std::to_string(i) + " ";
    const report r = validate(with(i2v, "/prompt", p));
    CHECK(count(r, code::prompt_tag_out_of_range) == cap + 1);
    bool summary = false;
    for (const diagnostic& d : r)
      if (d.code == code::prompt_tag_out_of_range && d.message.find("more tags") != std::string::npos) {
        summary = true;
        CHECK_THAT(d.message, Catch::Contains("names " + std::to_string(40000 - cap) + " more tags"));
      }
    CHECK(summary);
    std::string same;
    for (int i = 0; i < 1000; ++i) same += "@image5 @video2 ";
    const report once = validate(with(i2v, "/prompt", same));
    CHECK(count(once, code::prompt_tag_out_of_range) == 2);
  }
  SECTION("media properties: 20 items with the same bad video") {
    json j = r2v;
    j["video_urls"] = json(std::vector<std::string>(20, "https://example.com/v.mp4"));
    const report r = validate(j, {{"https://example.com/v.mp4", video_properties{media_format::mp4, 100, 100, 5.0, 24.0, 1000}}});
    CHECK(count(r, code::video_dimensions) == cap + 1);
    CHECK(count(r, code::video_pixel_count) == cap + 1);
    CHECK(r.has(code::video_total_duration, "/video_urls"));  // 100 s
  }
}

TEST_CASE("duplicate keys: every spec key wherever it stands, model_params too, bounded", "[validate][duplicates]") {
  SECTION("a duplicate duration after 70 other keys") {
    std::string t = R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "duration": 5)";
    for (int i = 0; i < 70; ++i) t += ", \"k" + std::to_string(i) + "\": 1";
    t += R"(, "duration": 16})";
    const report r = validate(t);
    CHECK(r.has(code::duplicate_key, "/duration"));
    CHECK(r.has(code::duration_out_of_range, "/duration"));  // the last value
  }
  SECTION("inside model_params") {
    const std::string t =
        R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "model_params": {"web_search": true, "web_search": false}})";
    const report r = validate(t);
    CHECK(r.has(code::duplicate_key, "/model_params/web_search"));
    CHECK(r.size() == 1);
    // the same key in two objects is no duplicate
    const std::string two = R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "x": {"web_search": 1},
                               "model_params": {"web_search": true}, "y": {"model_params": 1, "prompt": 2}})";
    CHECK_FALSE(validate(two).has(code::duplicate_key));
    // model_params given twice: that key is the duplicate, not web_search
    const std::string twice = R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "model_params": {"web_search": true},
                                 "model_params": {"web_search": true}})";
    const report r2 = validate(twice);
    CHECK(r2.has(code::duplicate_key, "/model_params"));
    CHECK_FALSE(r2.has(code::duplicate_key, "/model_params/web_search"));
  }
  SECTION("other keys: among the first max_tracked_other_keys, capped") {
    std::string t = R"({"model": "seedance-2.0-text-to-video", "prompt": "p")";
    for (int round = 0; round < 2; ++round)
      for (int i = 0; i < 100; ++i) t += ", \"k" + std::to_string(i) + "\": 1";
    t += "}";
    const report r = validate(t);
    std::size_t dups = 0;
    for (const diagnostic& d : r) dups += d.code == code::duplicate_key ? 1 : 0;
    // k0..k63 are tracked, so 64 duplicates: 16 listed and one summary of 48 more.
    CHECK(dups == validation_bounds::max_repeats + 1);
    CHECK(r.has(code::duplicate_key, "/k0"));
    CHECK(r.has(code::duplicate_key, "/k15"));
    CHECK_FALSE(r.has(code::duplicate_key, "/k16"));
    bool summary = false;
    for (const diagnostic& d : r)
      if (d.code == code::duplicate_key && d.path.empty()) summary = d.message.rfind("48 more keys", 0) == 0;
    CHECK(summary);
    CHECK(r.ok());
  }
}

// =============================================================================================
// The audit's other findings
// =============================================================================================

TEST_CASE("prompt_too_long: only White_Space separates runs for the token bound", "[validate][prompt]") {
  // 10,001 letters joined by U+200B: one run of 10,001 + 3 x 10,000 bytes = 40,001 bytes, at
  // least ceil(40,001 / 128) = 313 tokens: not certainly over 10,000 (a tokenizer may merge).
  std::string zw, sp;
  for (int i = 0; i < 10001; ++i) {
    zw += i ? "\u200Ba" : "a";
    sp += i ? " a" : "a";
  }
  CHECK(measure_prompt(zw).runs == 1);
  CHECK(measure_prompt(zw).min_tokens() == 313);
  CHECK_FALSE(validate(with(t2v, "/prompt", zw)).has(code::prompt_too_long));
  CHECK(validate(with(t2v, "/prompt", sp)).has(code::prompt_too_long));  // 10,001 runs
  // U+200B still ends a word for the recommendation's count; U+0085 and U+3000 separate runs.
  CHECK(measure_prompt("a\u200Bb").words == 2);
  CHECK(measure_prompt("a\u200Bb").runs == 1);
  CHECK(measure_prompt("a\u0085b\u3000c").runs == 3);
}

TEST_CASE("short prompts take the quick path: it never hides a prompt rule", "[validate][prompt]") {
  // The quick path skips the counts for prompts of at most quick_bytes bytes: check, on random
  // prompts of CJK, words and spaces up to that size, that the counts could not have fired.
  static_assert(prompt_bounds::quick_bytes == 1000);  // min(1000 words, 3 bytes x 500 CJK, 10,000 tokens)
  std::mt19937 rng(7);
  const std::vector<std::string> pieces{"猫", "a", " ", "\u3000", "x1", "\u200B", "é", "𠀀"};
  for (int n = 0; n < 2000; ++n) {
    std::string p;
    while (true) {
      const std::string& piece = pieces[rng() % pieces.size()];
      if (p.size() + piece.size() > prompt_bounds::quick_bytes) break;
      p += piece;
    }
    const prompt_stats st = measure_prompt(p);
    INFO(p);
    CHECK_FALSE(st.over_recommendation());
    CHECK(st.min_tokens() <= limits::prompt_max_tokens);
  }
  // Just past the quick path, the counts run: 1001 one-letter words warn.
  std::string words;
  for (int i = 0; i < 1001; ++i) words += "a ";
  CHECK(validate(with(t2v, "/prompt", words)).has(code::prompt_long));
}

TEST_CASE("media totals deduced from the minimum of each unknown item", "[validate][media-properties]") {
  const std::string v1 = "https://example.com/v1.mp4", v2 = "https://example.com/v2.mp4", v3 = "https://example.com/v3.mp4";
  json three = r2v;
  three["video_urls"] = {v1, v2, v3};
  const auto video = [](double d) { return video_properties{media_format::mp4, 1280, 720, d, 24.0, 1000}; };
  SECTION("videos: 14 s known + one unknown (at least 2 s) = 16 s > 15") {
    const report r = validate(three, {{v1, video(7)}, {v2, video(7)}});
    REQUIRE(r.has(code::video_total_duration, "/video_urls"));
    for (const diagnostic& d : r)
      if (d.code == code::video_total_duration) {
        CHECK_THAT(d.message, Catch::Contains("deduced from the minimum"));
        CHECK_THAT(d.message, Catch::Contains("at least 16 s"));
      }
    // properties given, duration unknown: the same
    CHECK(validate(three, {{v1, video(7)}, {v2, video(7)}, {v3, video_properties{}}}).has(code::video_total_duration));
  }
  SECTION("near miss: 13 s known + one unknown = 15 s, not over") {
    CHECK_FALSE(validate(three, {{v1, video(6.5)}, {v2, video(6.5)}}).has(code::video_total_duration));
    CHECK_FALSE(validate(three, {{v1, video(6.5)}}).has(code::video_total_duration));  // 6.5 + 2 x 2
  }
  SECTION("audio: 13.5 s known + one unknown = 15.5 s > 15; 13 s + one = 15 passes") {
    const std::string a1 = "https://example.com/a1.mp3", a2 = "https://example.com/a2.mp3";
    json two = r2v;
    two["audio_urls"] = {a1, a2};
    const auto audio = [](double d) { return audio_properties{media_format::mp3, d, 1000}; };
    CHECK(validate(two, {{a1, audio(13.5)}}).has(code::audio_total_duration, "/audio_urls"));
    CHECK_FALSE(validate(two, {{a1, audio(13)}}).has(code::audio_total_duration));
  }
  SECTION("nothing known: nothing deduced") {
    json many = r2v;
    many["video_urls"] = json(std::vector<std::string>(8, v1));  // too_many_media, but no total is known
    CHECK_FALSE(validate(many, {{"https://example.com/other.mp4", video(5)}}).has(code::video_total_duration));
  }
}

TEST_CASE("media boundaries: exact limits pass, one step beyond fails", "[validate][media-properties][boundaries]") {
  const std::string vid = "https://example.com/v.mp4";
  const std::string aud = "https://example.com/a.mp3";
  const auto video = [](std::uint32_t w, std::uint32_t h, double d = 5, double fps = 24) {
    return video_properties{media_format::mp4, w, h, d, fps, 1000};
  };
  const auto audio = [](double d) { return audio_properties{media_format::mp3, d, 1000}; };
  SECTION("video_dimensions: 300 and 6000 pass, 299 and 6001 fail") {
    CHECK_FALSE(validate(r2v, {{vid, video(300, 720)}}).has(code::video_dimensions));
    CHECK(validate(r2v, {{vid, video(299, 720)}}).has(code::video_dimensions, "/video_urls/0"));
    CHECK_FALSE(validate(r2v, {{vid, video(6000, 2400)}}).has(code::video_dimensions));
    CHECK(validate(r2v, {{vid, video(6001, 2401)}}).has(code::video_dimensions));
    CHECK(validate(r2v, {{vid, video(720, 6001)}}).has(code::video_dimensions));
  }
  SECTION("video_aspect_ratio: exactly 0.4 and 2.5 pass, just outside fails") {
    CHECK_FALSE(validate(r2v, {{vid, video(720, 1800)}}).has(code::video_aspect_ratio));  // 0.4
    CHECK(validate(r2v, {{vid, video(719, 1800)}}).has(code::video_aspect_ratio, "/video_urls/0"));
    CHECK_FALSE(validate(r2v, {{vid, video(1800, 720)}}).has(code::video_aspect_ratio));  // 2.5
    CHECK(validate(r2v, {{vid, video(1801, 720)}}).has(code::video_aspect_ratio));
  }
  SECTION("video_fps and video_duration at both ends") {
    CHECK_FALSE(validate(r2v, {{vid, video(1280, 720, 5, 24)}}).has(code::video_fps));
    CHECK(validate(r2v, {{vid, video(1280, 720, 5, 23.99)}}).has(code::video_fps));
    CHECK_FALSE(validate(r2v, {{vid, video(1280, 720, 15)}}).has(code::video_duration));
    CHECK(validate(r2v, {{vid, video(1280, 720, 15.01)}}).has(code::video_duration));
  }
  SECTION("audio_duration: 2 s and 15 s pass, just outside fails") {
    CHECK_FALSE(validate(r2v, {{aud, audio(2)}}).has(code::audio_duration));
    CHECK(validate(r2v, {{aud, audio(1.999)}}).has(code::audio_duration, "/audio_urls/0"));
    CHECK_FALSE(validate(r2v, {{aud, audio(15)}}).has(code::audio_duration));
    CHECK(validate(r2v, {{aud, audio(15.001)}}).has(code::audio_duration));
  }
  SECTION("too_many_media: exactly 3 audios pass") {
    CHECK_FALSE(validate(with(r2v, "/audio_urls", json(std::vector<std::string>(3, aud)))).has(code::too_many_media));
    CHECK(validate(with(r2v, "/audio_urls", json(std::vector<std::string>(4, aud)))).has(code::too_many_media, "/audio_urls"));
  }
  SECTION("too_few_media: one image passes on image-to-video, on every tier") {
    for (const char* m : {"seedance-2.0-image-to-video", "seedance-2.0-fast-image-to-video", "seedance-2.0-mini-image-to-video"}) {
      INFO(m);
      CHECK_FALSE(validate(with(i2v, "/model", m)).has(code::too_few_media));
      CHECK(validate(with(with(i2v, "/model", m), "/image_urls", json::array())).has(code::too_few_media));
    }
  }
}

TEST_CASE("duration messages show the number as written", "[validate][messages]") {
  const auto message = [](const std::string& duration_text) {
    const report r = validate(R"({"model": "seedance-2.0-text-to-video", "prompt": "p", "duration": )" + duration_text + "}");
    REQUIRE(r.size() == 1);
    CHECK(r[0].code == code::duration_out_of_range);
    return r[0].message;
  };
  CHECK(message("1E1") == "duration 1E1 is a whole number written with a fraction or an exponent; the API takes an integer: write 10");
  CHECK(message("4.0") == "duration 4.0 is a whole number written with a fraction or an exponent; the API takes an integer: write 4");
  CHECK(message("5.5") == "duration 5.5 is not a whole number of seconds; it must be an integer in 4..15");
  CHECK(message("18446744073709551616") == "duration 18446744073709551616 is outside 4..15 seconds");
  CHECK(message("1e2") == "duration 1e2 is outside 4..15 seconds (and is written with a fraction or an exponent)");
  CHECK(message("16") == "duration 16 is outside 4..15 seconds");
  CHECK(message("-0.0") == "duration -0.0 is outside 4..15 seconds (and is written with a fraction or an exponent)");
  // From parsed JSON the number is shown as nlohmann/json prints it.
  const report parsed = validate(with(t2v, "/duration", 18446744073709551616.0));
  CHECK(parsed[0].message == "duration 1.8446744073709552e+19 is outside 4..15 seconds");
}

TEST_CASE("web_search_unsupported names the models that have web search, from the table", "[validate][messages]") {
  const report r = validate(with(i2v, "/model_params/web_search", true));
  REQUIRE(r.size() == 1);
  // docs/spec.md section 1: web_search only on seedance-2.0-text-to-video and seedance-2.0-fast-text-to-video.
  CHECK(r[0].message ==
        "model seedance-2.0-image-to-video has no web search (only seedance-2.0-text-to-video and "
        "seedance-2.0-fast-text-to-video have it)");
}

TEST_CASE("media URLs: schemes, internal names, path parameters", "[validate][url]") {
  SECTION("the provider fetches media over http(s) only") {
    for (const char* u : {"ftp://example.com/a.jpg", "gopher://example.com/a.jpg", "file://host/a.jpg"}) {
      INFO(u);
      CHECK(validate(with(i2v, "/image_urls/0", u)).has(code::invalid_url, "/image_urls/0"));
    }
    for (const char* u : {"http://example.com/a.jpg", "HTTPS://example.com/a.jpg", "HtTp://example.com/a.jpg"}) {
      INFO(u);
      CHECK(validate(with(i2v, "/image_urls/0", u)).empty());
    }
  }
  SECTION("internal by definition") {
    for (const char* u : {"https://[::ffff:0:127.0.0.1]/a.jpg", "https://media.internal/a.jpg", "https://localhost.localdomain/a.jpg",
                          "https://cam.local/a.jpg", "https://nas.home.arpa/a.jpg"}) {
      INFO(u);
      CHECK(validate(with(i2v, "/image_urls/0", u)).has(code::url_not_public, "/image_urls/0"));
      CHECK(validate(with(t2v, "/callback_url", u)).has(code::callback_private_host, "/callback_url"));
    }
    CHECK(validate(with(i2v, "/image_urls/0", "https://[::ffff:0:808:808]/a.jpg")).empty());
  }
  SECTION("a path parameter is not part of the extension") {
    CHECK(validate(with(i2v, "/image_urls/0", "https://example.com/a.jpg;v=1")).empty());
    CHECK(validate(with(i2v, "/image_urls/0", "https://example.com/a.gif;v=1")).has(code::media_extension));
  }
  SECTION("long URLs of a real request: valid") {
    json j = i2v;
    j["image_urls"] = {"https://cdn.images.example-company.com/uploads/2026/05/flower-closeup.jpg"};
    j["callback_url"] = "https://hooks.example-company.com/seedance/v1/callbacks/task-complete?token=abc123";
    CHECK(validate(j).empty());
  }
}

TEST_CASE("report: stop() leaves it not ok, whatever it holds", "[validate][report]") {
  report r;
  r.add(code::unknown_field, "/x", "a warning");
  CHECK(r.ok());
  r.stop("out of memory");
  CHECK_FALSE(r.ok());
  CHECK_FALSE(r.complete());
  CHECK(r.has(code::validation_incomplete, ""));
  CHECK(severity_of(code::validation_incomplete) == severity::error);
  CHECK(to_string(code::validation_incomplete) == "validation_incomplete");
  const json j = r;
  CHECK(j.at("valid") == false);
  CHECK(j.at("complete") == false);
  CHECK(to_provider_error(r).at("error").at("code") == "invalid_request");
  CHECK(to_text(r).find("not fully checked") != std::string::npos);
  CHECK_FALSE(json(validate(t2v)).contains("complete"));
}

// --- December 2026 (docs/spec.md section 9) ---------------------------------------------------------

namespace {
const diagnostic* find_diag(const report& r, code c) {
  for (const diagnostic& d : r)
    if (d.code == c) return &d;
  return nullptr;
}
}  // namespace

TEST_CASE("web_search_without_content_filter: web search needs the content filter", "[validate][codes][2026-12]") {
  const json on = with(t2v, "/model_params/web_search", true);
  const report r = validate(with(on, "/content_filter", false));
  REQUIRE(r.has(code::web_search_without_content_filter, "/model_params/web_search"));
  CHECK_FALSE(r.ok());
  CHECK(find_diag(r, code::web_search_without_content_filter)->severity == severity::error);
  // the fast text-to-video model too
  CHECK(validate(with(with(with(on, "/model", "seedance-2.0-fast-text-to-video"), "/content_filter", false), "/duration", 5))
            .has(code::web_search_without_content_filter));
  // near misses: the filter on or absent, web search off or absent
  CHECK_FALSE(validate(with(on, "/content_filter", true)).has(code::web_search_without_content_filter));
  CHECK(validate(on).ok());
  CHECK_FALSE(
      validate(with(with(t2v, "/model_params/web_search", false), "/content_filter", false)).has(code::web_search_without_content_filter));
  CHECK_FALSE(validate(with(t2v, "/content_filter", false)).has(code::web_search_without_content_filter));
  // a content_filter of the wrong type is wrong_type only
  const report typo = validate(with(on, "/content_filter", "false"));
  CHECK(typo.has(code::wrong_type, "/content_filter"));
  CHECK_FALSE(typo.has(code::web_search_without_content_filter));
  // where web search itself is unsupported, that is the one error
  const report mini = validate(with(with(on, "/model", "seedance-2.0-mini-text-to-video"), "/content_filter", false));
  CHECK(mini.has(code::web_search_unsupported, "/model_params/web_search"));
  CHECK_FALSE(mini.has(code::web_search_without_content_filter));
  // and the text path gives it a line and column
  const report text = validate(std::string_view(
      "{\"model\": \"seedance-2.0-text-to-video\", \"prompt\": \"news\",\n \"content_filter\": false,\n \"model_params\": {\"web_search\": true}}"));
  const diagnostic* d = find_diag(text, code::web_search_without_content_filter);
  REQUIRE(d != nullptr);
  REQUIRE(d->position.has_value());
  CHECK(d->position->line == 3);
  CHECK(d->position->column == 33);
}

TEST_CASE("base64_media by mode: an error on reference-to-video, a warning on image-to-video", "[validate][codes][2026-12]") {
  const std::string uri = "data:image/png;base64,iVBORw0KGgo=";
  for (const char* m :
       {"seedance-2.0-reference-to-video", "seedance-2.0-fast-reference-to-video", "seedance-2.0-mini-reference-to-video"}) {
    INFO(m);
    const report r = validate(with(with(r2v, "/model", m), "/image_urls/0", uri));
    const diagnostic* d = find_diag(r, code::base64_media);
    REQUIRE(d != nullptr);
    CHECK(d->path == "/image_urls/0");
    CHECK(d->severity == severity::error);
    CHECK_THAT(d->message, Catch::Contains("reference-to-video"));
    CHECK(validate(with(with(r2v, "/model", m), "/video_urls/0", "data:video/mp4;base64,AAAA")).has(code::base64_media, "/video_urls/0"));
  }
  for (const char* m : {"seedance-2.0-image-to-video", "seedance-2.0-fast-image-to-video", "seedance-2.0-mini-image-to-video"}) {
    INFO(m);
    const report r = validate(with(with(i2v, "/model", m), "/image_urls/0", uri));
    const diagnostic* d = find_diag(r, code::base64_media);
    REQUIRE(d != nullptr);
    CHECK(d->severity == severity::warning);
    CHECK(r.warnings() >= 1);
  }
  // a video data URI on image-to-video (which takes no video): an error, as its message says
  const report v = validate(with(i2v, "/video_urls", json::array({"data:video/mp4;base64,AAAA"})));
  REQUIRE(find_diag(v, code::base64_media) != nullptr);
  CHECK(find_diag(v, code::base64_media)->severity == severity::error);
  CHECK(v.has(code::media_unsupported, "/video_urls"));
  // over the cap, the summary keeps the group's severity: warnings for image-to-video's images
  json many = i2v;
  for (int i = 0; i < 20; ++i) many["image_urls"].push_back("data:image/png;base64,!!!!");
  const report capped = validate(many);
  for (const diagnostic& d : capped)
    if (d.code == code::base64_media) CHECK(d.severity == severity::warning);
  // elsewhere (images on text-to-video are refused anyway): an error
  const report t = validate(with(t2v, "/image_urls", json::array({uri})));
  REQUIRE(find_diag(t, code::base64_media) != nullptr);
  CHECK(find_diag(t, code::base64_media)->severity == severity::error);
}

TEST_CASE("first_frame_aspect_mismatch: the first frame against the output's pixel size", "[validate][codes][2026-12]") {
  const std::string first = "https://example.com/first.jpg";
  const auto frame = [&](std::uint32_t w, std::uint32_t h) {
    return media_map{{first, image_properties{media_format::jpeg, w, h, 100000}}};
  };
  const json explicit_169 = with(i2v, "/aspect_ratio", "16:9");
  // 1280x720 at 720p 16:9 (1280x720): the same shape
  CHECK_FALSE(validate(explicit_169, frame(1280, 720)).has(code::first_frame_aspect_mismatch));
  // 4:3 against 16:9: 25% apart
  const report r = validate(explicit_169, frame(1024, 768));
  const diagnostic* d = find_diag(r, code::first_frame_aspect_mismatch);
  REQUIRE(d != nullptr);
  CHECK(d->path == "/image_urls/0");
  CHECK(d->severity == severity::warning);
  CHECK(r.ok());  // a warning
  CHECK_THAT(d->message, Catch::Contains("1280x720"));
  // The output's pixel size, not the nominal ratio: 480p 16:9 is 864x496 = 1.7419, and 1920x1080 =
  // 1.7778 is 2.06% off it; at 720p (1280x720) the same frame is exact.
  CHECK(validate(with(explicit_169, "/quality", "480p"), frame(1920, 1080)).has(code::first_frame_aspect_mismatch));
  CHECK_FALSE(validate(explicit_169, frame(1920, 1080)).has(code::first_frame_aspect_mismatch));
  // the 2% boundary, at 720p 16:9 (W/H = 16/9): w/h within 2% of it. 1000 x 549: 1.8215 is 2.46% off;
  // 1000 x 553: 1.80832 is 1.72% off; 1000 x 552: 1.81159, 1.90% off; 1000 x 551: 1.81488, 2.09% off.
  CHECK_FALSE(validate(explicit_169, frame(1000, 553)).has(code::first_frame_aspect_mismatch));
  CHECK_FALSE(validate(explicit_169, frame(1000, 552)).has(code::first_frame_aspect_mismatch));
  CHECK(validate(explicit_169, frame(1000, 551)).has(code::first_frame_aspect_mismatch));
  CHECK(validate(explicit_169, frame(1000, 549)).has(code::first_frame_aspect_mismatch));
  // exactly 2% is not over: 1280x720 output, a 1000x(1000*720/1280/1.02)... use 102 x 56.25 scaled: 1632 x 900
  // is 1.81333 = 16/9 * 1.02 exactly.
  CHECK_FALSE(validate(explicit_169, frame(1632, 900)).has(code::first_frame_aspect_mismatch));
  // adaptive or absent: the output follows the first frame
  CHECK_FALSE(validate(with(i2v, "/aspect_ratio", "adaptive"), frame(1024, 768)).has(code::first_frame_aspect_mismatch));
  CHECK_FALSE(validate(i2v, frame(1024, 768)).has(code::first_frame_aspect_mismatch));
  // the frame unknown: nothing to compare
  CHECK_FALSE(validate(explicit_169).has(code::first_frame_aspect_mismatch));
  // quality an error of its own (1080p on fast): no output size, no warning
  CHECK_FALSE(validate(with(with(explicit_169, "/model", "seedance-2.0-fast-image-to-video"), "/quality", "1080p"), frame(1024, 768))
                  .has(code::first_frame_aspect_mismatch));
  // other ratios: 21:9 at 720p is 1470x630
  CHECK_FALSE(validate(with(i2v, "/aspect_ratio", "21:9"), frame(2940, 1260)).has(code::first_frame_aspect_mismatch));
  CHECK(validate(with(i2v, "/aspect_ratio", "9:16"), frame(1280, 720)).has(code::first_frame_aspect_mismatch));
  // reference-to-video: not this rule
  CHECK_FALSE(validate(with(r2v, "/aspect_ratio", "16:9"),
                       media_map{{"https://example.com/a.jpg", image_properties{media_format::jpeg, 1024, 768, 1}}})
                  .has(code::first_frame_aspect_mismatch));
}

TEST_CASE("strict mode: unknown_field and field_ignored become errors", "[validate][strict][2026-12]") {
  const json j = with(with(with(json::parse(R"({"model": "seedance-2.0-mini-text-to-video", "prompt": "a cat"})"), "/seed", 7),
                           "/model_params/web_search", false),
                      "/image_urls", json::array());
  const report lax = validate(j);
  CHECK(lax.ok());
  CHECK(lax.errors() == 0);
  CHECK(lax.warnings() == 3);
  validate_options strict;
  strict.strict = true;
  const report r = validate(j, {}, strict);
  CHECK_FALSE(r.ok());
  CHECK(r.errors() == 3);
  CHECK(r.warnings() == 0);
  for (const diagnostic& d : r) CHECK(d.severity == severity::error);
  CHECK(r.has(code::unknown_field, "/seed"));
  CHECK(r.has(code::field_ignored, "/model_params/web_search"));
  CHECK(r.has(code::field_ignored, "/image_urls"));
  // the text overloads take the options too, and other warnings stay warnings
  const report text =
      validate(std::string_view(R"({"model": "seedance-2.0-reference-to-video", "prompt": "x", "Quality": "720p"})"), {}, strict);
  CHECK(text.has(code::unknown_field, "/Quality"));
  CHECK(find_diag(text, code::unknown_field)->severity == severity::error);
  CHECK(find_diag(text, code::reference_missing)->severity == severity::warning);
  // messages of the diagnostics strict mode makes errors say so
  for (const diagnostic& d : r) CHECK_THAT(d.message, Catch::Contains("strict mode refuses it"));
  CHECK_THAT(find_diag(validate(with(t2v, "/model_params/x", 1), {}, strict), code::unknown_field)->message,
             Catch::Contains("strict mode"));
  CHECK_THAT(find_diag(validate(with(t2v, "/model_params/x", 1)), code::unknown_field)->message, !Catch::Contains("strict mode"));
  // a valid request stays valid
  CHECK(validate(t2v, {}, strict).ok());
  // the summary of a capped group keeps the group's severity
  json many = t2v;
  for (int i = 0; i < 40; ++i) many["extra" + std::to_string(i)] = i;
  const report capped = validate(many, {}, strict);
  CHECK(capped.errors() == capped.size());
}

TEST_CASE("unknown fields: suggestions that help and none that mislead", "[validate][suggest][2026-12]") {
  const auto message = [](const json& j, const std::string& path) {
    const report r = validate(j);
    for (const diagnostic& d : r)
      if (d.code == code::unknown_field && d.path == path) return d.message;
    return std::string("(no unknown_field at " + path + ")");
  };
  const auto base = t2v;
  // case and spelling
  CHECK_THAT(message(with(base, "/QUALITY", "720p"), "/QUALITY"), Catch::Contains("did you mean quality?"));
  CHECK_THAT(message(with(base, "/aspectRatio", "16:9"), "/aspectRatio"), Catch::Contains("did you mean aspect_ratio?"));
  CHECK_THAT(message(with(base, "/Generate-Audio", true), "/Generate-Audio"), Catch::Contains("did you mean generate_audio?"));
  // misplacements and synonyms
  CHECK_THAT(message(with(base, "/web_search", true), "/web_search"), Catch::Contains("did you mean model_params.web_search?"));
  CHECK_THAT(message(with(base, "/callback", "https://example.com/cb"), "/callback"), Catch::Contains("did you mean callback_url?"));
  CHECK_THAT(message(with(base, "/webhook", "https://example.com/cb"), "/webhook"), Catch::Contains("did you mean callback_url?"));
  CHECK_THAT(message(with(i2v, "/image_url", "https://example.com/a.jpg"), "/image_url"), Catch::Contains("did you mean image_urls?"));
  CHECK_THAT(message(with(base, "/ratio", "16:9"), "/ratio"), Catch::Contains("did you mean aspect_ratio?"));
  CHECK_THAT(message(with(base, "/resolution", "720p"), "/resolution"), Catch::Contains("did you mean quality?"));
  CHECK_THAT(message(with(base, "/seconds", 5), "/seconds"), Catch::Contains("did you mean duration?"));
  CHECK_THAT(message(with(base, "/length", 5), "/length"), Catch::Contains("did you mean duration?"));
  // typos still found by distance
  CHECK_THAT(message(with(base, "/duraton", 5), "/duraton"), Catch::Contains("did you mean duration?"));
  // the field exists, but this model does not take it
  const std::string on_t2v = message(with(base, "/image_url", "https://example.com/a.jpg"), "/image_url");
  CHECK_THAT(on_t2v, Catch::Contains("did you mean image_urls?"));
  CHECK_THAT(on_t2v, Catch::Contains("seedance-2.0-text-to-video does not take it"));
  const std::string mini = message(with(with(base, "/model", "seedance-2.0-mini-text-to-video"), "/web_search", true), "/web_search");
  CHECK_THAT(mini, Catch::Contains("model_params.web_search?"));
  CHECK_THAT(mini, Catch::Contains("does not take it"));
  CHECK_THAT(message(with(i2v, "/image_url", "https://example.com/a.jpg"), "/image_url"), !Catch::Contains("does not take it"));
  // no loose matches that mislead
  for (const char* k : {"/audio", "/negative_prompt", "/neg_prompt", "/negPrompt", "/moderation", "/operation", "/generate_video",
                        "/quantity", "/duration_ms", "/seed", "/style", "/fps"}) {
    INFO(k);
    CHECK_THAT(message(with(base, k, 1), k), !Catch::Contains("did you mean"));
  }
  // in model_params
  const auto param = [&](const char* key, json v) {
    const report r = validate(with(base, std::string("/model_params/") + key, std::move(v)));
    for (const diagnostic& d : r)
      if (d.code == code::unknown_field) return d.message;
    return std::string("(none)");
  };
  CHECK_THAT(param("webSearch", true), Catch::Contains("did you mean web_search?"));
  CHECK_THAT(param("WEB_SEARCH", true), Catch::Contains("did you mean web_search?"));
  CHECK_THAT(param("duration", 5), Catch::Contains("did you mean duration? it is a top-level field, not a key of model_params)"));
  // both notes, separated
  CHECK_THAT(
      param("image_urls", json::array()),
      Catch::Contains(
          "(did you mean image_urls? it is a top-level field, not a key of model_params; model seedance-2.0-text-to-video does not take it, though)"));
  // typos within reach: one edit under 10 characters, two from 10 on
  CHECK_THAT(message(with(base, "/qualty", "720p"), "/qualty"), Catch::Contains("did you mean quality?"));
  CHECK_THAT(message(with(base, "/callbak_ur", "https://example.com/cb"), "/callbak_ur"), Catch::Contains("did you mean callback_url?"));
  CHECK_THAT(message(with(base, "/aspect-ration", "16:9"), "/aspect-ration"), Catch::Contains("did you mean aspect_ratio?"));
  CHECK_THAT(param("temperature", 1), Catch::Contains("(it has web_search)"));
  // the suggestion function itself
  CHECK(detail::validate::suggest_field("Aspect_Ratio", false).field == "aspect_ratio");
  CHECK(detail::validate::suggest_field("web_search", false).in_model_params);
  CHECK(detail::validate::suggest_field("negative_prompt", false).empty());
  CHECK(detail::validate::suggest_field("audio", false).empty());
  CHECK(detail::validate::suggest_field("", false).empty());
  CHECK(detail::validate::suggest_field(std::string(10000, 'x'), false).empty());
}

// The enumerations, their wire strings, defaults and the output-resolution table, checked against
// docs/spec.md (sections 2 and 4) written out again here as the independent expectation.
#include <catch2/catch.hpp>

#include <seedance/spec.hpp>

#include <string>
#include <vector>

using namespace seedance;

TEST_CASE("quality: wire strings and parsing", "[spec][enum]") {
  const std::vector<std::pair<quality, std::string>> expected{
      {quality::p480, "480p"}, {quality::p720, "720p"}, {quality::p1080, "1080p"}, {quality::p4k, "4k"}};
  for (const auto& [q, s] : expected) {
    CHECK(to_string(q) == s);
    CHECK(parse<quality>(s) == q);
    CHECK(parse_quality(s) == q);
  }
  for (const char* bad : {"", "1080P", "4K", " 720p", "720p ", "720", "2k", "1080i"}) {
    INFO(bad);
    CHECK_FALSE(parse_quality(bad).has_value());
  }
  STATIC_REQUIRE(parse<quality>("4k") == quality::p4k);
}

TEST_CASE("aspect_ratio: wire strings and parsing", "[spec][enum]") {
  const std::vector<std::pair<aspect_ratio, std::string>> expected{
      {aspect_ratio::r16_9, "16:9"}, {aspect_ratio::r9_16, "9:16"}, {aspect_ratio::r1_1, "1:1"},
      {aspect_ratio::r4_3, "4:3"},   {aspect_ratio::r3_4, "3:4"},   {aspect_ratio::r21_9, "21:9"},
      {aspect_ratio::adaptive, "adaptive"}};
  for (const auto& [a, s] : expected) {
    CHECK(to_string(a) == s);
    CHECK(parse_aspect_ratio(s) == a);
  }
  for (const char* bad : {"", "16/9", "16:10", "Adaptive", "auto", "1:1 ", "9:21"}) {
    INFO(bad);
    CHECK_FALSE(parse_aspect_ratio(bad).has_value());
  }
}

TEST_CASE("mode and tier: wire strings and parsing", "[spec][enum]") {
  CHECK(to_string(mode::text_to_video) == "text-to-video");
  CHECK(to_string(mode::image_to_video) == "image-to-video");
  CHECK(to_string(mode::reference_to_video) == "reference-to-video");
  CHECK(to_string(tier::standard) == "standard");
  CHECK(to_string(tier::fast) == "fast");
  CHECK(to_string(tier::mini) == "mini");
  CHECK(parse_mode("reference-to-video") == mode::reference_to_video);
  CHECK(parse_tier("mini") == tier::mini);
  CHECK_FALSE(parse_mode("text_to_video").has_value());
  CHECK_FALSE(parse_tier("pro").has_value());
}

TEST_CASE("to_string of a value outside an enumeration is empty, not UB", "[spec][enum]") {
  CHECK(to_string(static_cast<quality>(200)).empty());
  CHECK(to_string(static_cast<aspect_ratio>(7)).empty());
  CHECK(urls_field(static_cast<media_kind>(9)).empty());
  CHECK_FALSE(output_resolution(static_cast<quality>(4), aspect_ratio::r16_9).has_value());
}

TEST_CASE("defaults are those of docs/spec.md section 4", "[spec]") {
  STATIC_REQUIRE(defaults::duration == 5);
  STATIC_REQUIRE(defaults::quality == quality::p720);
  STATIC_REQUIRE(defaults::aspect_ratio == aspect_ratio::adaptive);
  STATIC_REQUIRE(defaults::generate_audio);
  STATIC_REQUIRE(defaults::content_filter);
  STATIC_REQUIRE_FALSE(defaults::web_search);
  STATIC_REQUIRE(limits::duration.min == 4);
  STATIC_REQUIRE(limits::duration.max == 15);
  STATIC_REQUIRE(limits::callback_url_max_chars == 2048);
}

TEST_CASE("output resolution: every cell of docs/spec.md section 4", "[spec][resolution]") {
  // docs/spec.md's own row order (16:9, 4:3, 1:1, 3:4, 9:16, 21:9), not the header's.
  struct row {
    aspect_ratio a;
    resolution r480, r720, r1080, r4k;
  };
  const std::vector<row> rows{
      {aspect_ratio::r16_9, {864, 496}, {1280, 720}, {1920, 1080}, {3840, 2160}},
      {aspect_ratio::r4_3, {752, 560}, {1112, 834}, {1664, 1248}, {3326, 2494}},
      {aspect_ratio::r1_1, {640, 640}, {960, 960}, {1440, 1440}, {2880, 2880}},
      {aspect_ratio::r3_4, {560, 752}, {834, 1112}, {1248, 1664}, {2494, 3326}},
      {aspect_ratio::r9_16, {496, 864}, {720, 1280}, {1080, 1920}, {2160, 3840}},
      {aspect_ratio::r21_9, {992, 432}, {1470, 630}, {2206, 946}, {4398, 1886}},
  };
  for (const row& r : rows) {
    INFO(to_string(r.a));
    CHECK(output_resolution(quality::p480, r.a) == r.r480);
    CHECK(output_resolution(quality::p720, r.a) == r.r720);
    CHECK(output_resolution(quality::p1080, r.a) == r.r1080);
    CHECK(output_resolution(quality::p4k, r.a) == r.r4k);
  }
  for (quality q : {quality::p480, quality::p720, quality::p1080, quality::p4k}) {
    CHECK_FALSE(output_resolution(q, aspect_ratio::adaptive).has_value());
  }
  STATIC_REQUIRE(output_resolution(quality::p1080, aspect_ratio::r21_9) == resolution{2206, 946});
}

TEST_CASE("urls_field names the JSON arrays", "[spec]") {
  CHECK(urls_field(media_kind::image) == "image_urls");
  CHECK(urls_field(media_kind::video) == "video_urls");
  CHECK(urls_field(media_kind::audio) == "audio_urls");
}

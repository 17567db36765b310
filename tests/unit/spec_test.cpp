// The enumerations, their wire strings, defaults and the output-resolution table, checked against
// docs/spec.md (sections 2 and 4) written out again here as the independent expectation.
#include <catch2/catch.hpp>

#include <seedance/spec.hpp>

#include <array>
#include <string>
#include <string_view>
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
      {aspect_ratio::r16_9, "16:9"}, {aspect_ratio::r9_16, "9:16"}, {aspect_ratio::r1_1, "1:1"},         {aspect_ratio::r4_3, "4:3"},
      {aspect_ratio::r3_4, "3:4"},   {aspect_ratio::r21_9, "21:9"}, {aspect_ratio::adaptive, "adaptive"}};
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

// The static checks of spec.hpp on the enumerations' strings, tried on enumerations of this test: each
// check must reject what it exists to reject (a forgotten, empty or repeated string), or it proves nothing.
namespace probe_enums {
enum class three : unsigned char { a, b, c };
enum class three_short : unsigned char { a, b, c };  // one string forgotten
enum class three_long : unsigned char { a, b, c };   // one string too many
enum class three_empty : unsigned char { a, b, c };  // a placeholder left empty
enum class three_twice : unsigned char { a, b, c };  // a string copied, not edited
}  // namespace probe_enums

template <>
struct seedance::enum_strings<probe_enums::three> {
  static constexpr std::array<std::string_view, 3> values{"a", "b", "c"};
};
template <>
struct seedance::enum_strings<probe_enums::three_short> {
  static constexpr std::array<std::string_view, 2> values{"a", "b"};
};
template <>
struct seedance::enum_strings<probe_enums::three_long> {
  static constexpr std::array<std::string_view, 4> values{"a", "b", "c", "d"};
};
template <>
struct seedance::enum_strings<probe_enums::three_empty> {
  static constexpr std::array<std::string_view, 3> values{"a", "b", ""};
};
template <>
struct seedance::enum_strings<probe_enums::three_twice> {
  static constexpr std::array<std::string_view, 3> values{"a", "b", "b"};
};

TEST_CASE("enum_strings checks: complete strings pass, forgotten, empty and repeated ones do not", "[spec][enum]") {
  STATIC_REQUIRE(detail::enum_strings_complete<probe_enums::three>());
  STATIC_REQUIRE_FALSE(detail::enum_strings_distinct<probe_enums::three_empty>());
  STATIC_REQUIRE_FALSE(detail::enum_strings_distinct<probe_enums::three_twice>());
  STATIC_REQUIRE(detail::enum_strings_distinct<probe_enums::three_short>());  // only the count is wrong
#if defined(__GNUC__) || defined(__clang__)
  STATIC_REQUIRE(detail::names_an_enumerator<probe_enums::three::c>());
  STATIC_REQUIRE_FALSE(detail::names_an_enumerator<static_cast<probe_enums::three>(3)>());
  STATIC_REQUIRE_FALSE(detail::enum_strings_cover_enumerators<probe_enums::three_short>());
  STATIC_REQUIRE_FALSE(detail::enum_strings_cover_enumerators<probe_enums::three_long>());
  STATIC_REQUIRE_FALSE(detail::enum_strings_complete<probe_enums::three_short>());
#endif
  // The library's own enumerations (spec.hpp asserts the same; this names them in the test report).
  STATIC_REQUIRE(detail::enum_strings_complete<mode>());
  STATIC_REQUIRE(detail::enum_strings_complete<tier>());
  STATIC_REQUIRE(detail::enum_strings_complete<quality>());
  STATIC_REQUIRE(detail::enum_strings_complete<aspect_ratio>());
  STATIC_REQUIRE(detail::enum_strings_complete<media_kind>());
  STATIC_REQUIRE(detail::enum_strings_complete<media_format>());
}

TEST_CASE("model_rows: the ids are the identity, and model_catalog follows the rows", "[spec][models]") {
  REQUIRE(model_catalog.size() == model_rows.size());
  for (std::size_t i = 0; i < model_rows.size(); ++i) {
    INFO(model_rows[i].id);
    CHECK(model_catalog[i].id == model_rows[i].id);
    CHECK(model_catalog[i].mode == model_rows[i].mode);
    CHECK(model_catalog[i].tier == model_rows[i].tier);
    CHECK(model_catalog[i].web_search == model_rows[i].web_search);
    CHECK(find_model(model_rows[i].id) == &model_catalog[i]);
    for (std::size_t j = 0; j < i; ++j) CHECK(model_rows[i].id != model_rows[j].id);
  }
  // find_model(mode, tier) is the first row of the pair in table order.
  for (const model_info& m : model_catalog) {
    const model_info* first = find_model(m.mode, m.tier);
    REQUIRE(first != nullptr);
    CHECK(first <= &m);
    CHECK(first->mode == m.mode);
    CHECK(first->tier == m.tier);
  }
}

// seedance::validate when memory runs out. Every allocation that one validation makes is made to
// fail in turn (the N-th, for N = 0, 1, ... until a run makes fewer than N), once or from then on;
// each time the report must not be ok() and must say it is incomplete (validation_incomplete
// when memory allows writing it), and nothing may escape the noexcept API. A run in which nothing
// failed must give exactly the report of an unhindered run.
//
// The allocations fail through tests/support/failing_allocator.cpp, which replaces the global
// operator new of this program.
#include <seedance/validate.hpp>

#include "support/failing_allocator.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <functional>
#include <string>

namespace {

using seedance::code;
using seedance::report;

/// Runs `validate` with each of its allocations failing in turn; returns how many runs failed.
std::size_t every_failure(const std::function<report()>& validate, bool from_then_on) {
  const report reference = validate();
  for (std::size_t n = 0;; ++n) {
    if (from_then_on) seedance_test::fail_allocations_from(static_cast<long>(n));
    else seedance_test::fail_one_allocation(static_cast<long>(n));
    const report r = validate();
    seedance_test::stop_failing();
    if (!seedance_test::allocation_failed()) {
      CHECK(r == reference);
      return n;
    }
    INFO("allocation " << n << " failed" << (from_then_on ? ", and all after it" : ""));
    CHECK_FALSE(r.ok());
    CHECK_FALSE(r.complete());
    if (!from_then_on) CHECK(r.has(code::validation_incomplete, ""));
  }
}

const std::string valid_text =
    R"({"model": "seedance-2.0-reference-to-video", "prompt": "an ad, @image1", "image_urls": ["https://cdn.example.com/a/ref1.jpg"],
        "video_urls": ["https://cdn.example.com/v/reference.mp4"], "audio_urls": ["https://cdn.example.com/a/bgm.mp3"],
        "duration": 10, "callback_url": "https://hooks.example.com/seedance/done?token=abc"})";
const std::string invalid_text =
    R"({"model": "seedance-2.0-fast-image-to-video", "prompt": " ", "image_urls": ["https://example.com/1.jpg",
        "data:image/png;base64,AA", "ftp//bad", "https://127.0.0.1/4.png"], "video_urls": ["https://example.com/v.mp4"],
        "duration": 16, "quality": "4k", "aspect_ratio": "16:10", "generate_audio": "yes", "callback_url": "http://10.0.0.1/cb",
        "model_params": {"web_search": true, "web_search": true}, "seed": 7, "seed": 8})";

}  // namespace

TEST_CASE("validate(text): every allocation failure leaves a report that is not ok", "[oom]") {
  for (const std::string& t : {valid_text, invalid_text, std::string(R"({"prompt": 1e400})"), std::string(300, '['),
                               std::string(R"({"model": "x", "prompt": })")}) {
    INFO(t.substr(0, 60));
    for (const bool from_then_on : {false, true}) CHECK(every_failure([&] { return seedance::validate(t); }, from_then_on) > 0);
  }
}

TEST_CASE("validate(json) and validate(parsed, text): the same", "[oom]") {
  const seedance::media_map media{
      {"https://cdn.example.com/v/reference.mp4", seedance::video_properties{seedance::media_format::mp4, 1280, 720, 5.0, 24.0, 1000}},
      {"https://cdn.example.com/a/ref1.jpg", seedance::image_properties{seedance::media_format::png, 100, 100, 1000}}};
  for (const std::string& t : {valid_text, invalid_text}) {
    const nlohmann::json j = nlohmann::json::parse(t);
    const seedance::parsed_request p = seedance::parse_request(t);
    for (const bool from_then_on : {false, true}) {
      every_failure([&] { return seedance::validate(j, media); }, from_then_on);
      every_failure([&] { return seedance::validate(p, t, media); }, from_then_on);
      every_failure([&] { return seedance::parse_request(t).diagnostics; }, from_then_on);
    }
  }
  // A valid request on parsed JSON allocates nothing: no failure can hit it.
  const nlohmann::json j = nlohmann::json::parse(valid_text);
  CHECK(every_failure([&] { return seedance::validate(j); }, false) == 0);
}

TEST_CASE("known media: the validator keeps nothing per item, however long the array", "[oom]") {
  // A media array of N copies of one mapped URL: every item's properties are checked as it comes,
  // and only totals stay (no per-item list, which grew with N up to hundreds of MiB on a 40 MiB body).
  const std::string url = "https://cdn.example.com/v/reference.mp4";
  const seedance::media_map media{{url, seedance::video_properties{seedance::media_format::mp4, 1280, 720, 5.0, 24.0, 1000}}};
  const auto body = [&](std::size_t n) {
    nlohmann::json j = {{"model", "seedance-2.0-reference-to-video"}, {"prompt", "a cat, @video1"}};
    j["video_urls"] = nlohmann::json::array();
    for (std::size_t i = 0; i < n; ++i) j["video_urls"].push_back(url);
    return j;
  };
  const auto allocations_of = [&](const nlohmann::json& j) {
    const long before = seedance_test::allocations();
    const report r = seedance::validate(j, media);
    const long made = seedance_test::allocations() - before;
    CHECK(r.has(code::too_many_media, "/video_urls"));
    CHECK(r.has(code::video_total_duration, "/video_urls"));
    return made;
  };
  const nlohmann::json small = body(64), large = body(8192);
  CHECK(allocations_of(small) == allocations_of(large));
  // The same from text (the strings nlohmann's lexer hands over are its own buffer).
  const std::string small_text = small.dump(), large_text = large.dump();
  const auto text_allocations = [&](const std::string& t) {
    const long before = seedance_test::allocations();
    const report r = seedance::validate(t, media);
    const long made = seedance_test::allocations() - before;
    CHECK(r.has(code::video_total_duration, "/video_urls"));
    return made;
  };
  CHECK(text_allocations(small_text) == text_allocations(large_text));
}

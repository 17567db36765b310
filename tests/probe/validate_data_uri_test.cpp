// Validation of image-to-video requests whose images are data: URIs (docs/spec.md section 9,
// "Base64 media by mode"; docs/validation.md): the corpus images, encoded here by the test's own
// encoder, go through every image rule at /image_urls/N, as the same files mapped by URL do.
#include <catch2/catch.hpp>

#include <seedance/validate.hpp>

#include <string>
#include <vector>

#include "probe_test_util.hpp"

using namespace seedance;
using namespace probe_test;
using nlohmann::json;

namespace {
std::string data_uri(const std::string& type, const bytes& d) { return "data:" + type + ";base64," + base64_encode(d); }
std::string corpus_uri(const std::string& type, const std::string& rel) { return data_uri(type, read_bytes(corpus_dir() / rel)); }

json i2v(std::vector<std::string> images, const char* model = "seedance-2.0-image-to-video") {
  return {{"model", model}, {"prompt", "the camera pushes in"}, {"image_urls", std::move(images)}};
}

std::vector<std::string> codes(const report& r) {
  std::vector<std::string> v;
  for (const diagnostic& d : r) v.push_back(std::string(to_string(d.code)) + " " + d.path);
  return v;
}

bool only_the_warning(const report& r) { return r.ok() && r.size() == 1 && r[0].code == code::base64_media; }

const diagnostic* find(const report& r, code c) {
  for (const diagnostic& d : r)
    if (d.code == c) return &d;
  return nullptr;
}
}  // namespace

TEST_CASE("data: URI images on image-to-video: accepted images pass with the base64_media warning", "[validate][data_uri]") {
  const std::vector<std::pair<std::string, std::string>> good{
      {"image/jpeg", "image/jpeg_baseline_640x480.jpg"}, {"image/jpeg", "image/jpeg_422_1281x719_progressive.jpg"},
      {"image/png", "image/png_rgb_640x480.png"},        {"image/png", "image/png_rgba_333x517.png"},
      {"image/webp", "image/webp_lossy_640x480.webp"},   {"image/webp", "image/webp_lossless_333x517.webp"}};
  for (const auto& [type, rel] : good) {
    INFO(rel);
    for (const char* model : {"seedance-2.0-image-to-video", "seedance-2.0-fast-image-to-video", "seedance-2.0-mini-image-to-video"}) {
      const report r = validate(i2v({corpus_uri(type, rel)}, model));
      INFO(to_text(r));
      CHECK(only_the_warning(r));
      CHECK(r[0].severity == severity::warning);
      CHECK(r[0].path == "/image_urls/0");
    }
  }
}

TEST_CASE("data: URI images are checked like files: sizes, ratio, frames", "[validate][data_uri]") {
  SECTION("too small: 250x250") {
    const report r = validate(i2v({corpus_uri("image/jpeg", "image/jpeg_250x250.jpg")}));
    INFO(to_text(r));
    CHECK(r.has(code::image_dimensions, "/image_urls/0"));
    CHECK_THAT(find(r, code::image_dimensions)->message, Catch::Contains("250x250"));
    CHECK_FALSE(r.ok());
  }
  SECTION("too wide: 7000x300 (side and ratio)") {
    const report r = validate(i2v({corpus_uri("image/jpeg", "image/jpeg_7000x300.jpg")}));
    CHECK(r.has(code::image_dimensions, "/image_urls/0"));
    CHECK(r.has(code::image_aspect_ratio, "/image_urls/0"));
  }
  SECTION("too tall: 301x7001 PNG") {
    const report r = validate(i2v({corpus_uri("image/png", "image/png_gray16_301x7001.png")}));
    CHECK(r.has(code::image_dimensions, "/image_urls/0"));
  }
  SECTION("the second frame: last_frame_cropped") {
    const report r =
        validate(i2v({corpus_uri("image/png", "image/png_rgb_640x480.png"), corpus_uri("image/webp", "image/webp_lossless_333x517.webp")}));
    INFO(to_text(r));
    CHECK(r.has(code::last_frame_cropped, "/image_urls/1"));
    CHECK(r.has(code::base64_media, "/image_urls/0"));
    CHECK(r.has(code::base64_media, "/image_urls/1"));
    CHECK(r.ok());
  }
  SECTION("a URL first frame and a data: URI last frame, mixed with the media map") {
    const std::string url = "https://example.com/first.jpg";
    const media_map media{{url, image_properties{media_format::jpeg, 640, 480, 1000}}};
    CHECK_FALSE(validate(i2v({url, corpus_uri("image/png", "image/png_rgb_640x480.png")}), media).has(code::last_frame_cropped));
    CHECK(
        validate(i2v({url, corpus_uri("image/png", "image/png_rgba_333x517.png")}), media).has(code::last_frame_cropped, "/image_urls/1"));
  }
  SECTION("first_frame_aspect_mismatch from a data: URI first frame") {
    json j = i2v({corpus_uri("image/jpeg", "image/jpeg_baseline_640x480.jpg")});
    j["aspect_ratio"] = "16:9";
    CHECK(validate(j).has(code::first_frame_aspect_mismatch, "/image_urls/0"));
    j["aspect_ratio"] = "4:3";  // 720p 4:3 is 1112x834: 640/480 = 1.3333 against 1.3333
    CHECK_FALSE(validate(j).has(code::first_frame_aspect_mismatch));
  }
  SECTION("EXIF orientation: the displayed sides count (6: rotated, 640x480 stored, 480x640 shown)") {
    json j = i2v({corpus_uri("image/jpeg", "image/jpeg_exif6_640x480.jpg")});
    j["aspect_ratio"] = "3:4";  // 720p 3:4 is 834x1112 = 0.75, as 480/640
    CHECK_FALSE(validate(j).has(code::first_frame_aspect_mismatch));
    j["aspect_ratio"] = "4:3";
    CHECK(validate(j).has(code::first_frame_aspect_mismatch));
  }
  SECTION("image_too_large on the decoded size (over 30 MiB), the Base64 never decoded whole") {
    // A real PNG with a 31 MiB private chunk before IEND: its header and trailer stay intact.
    bytes png = read_bytes(corpus_dir() / "image/png_rgb_640x480.png");
    const std::size_t big = 31u << 20;
    bytes chunk;
    append32(chunk, static_cast<std::uint32_t>(big));
    append_tag(chunk, "prVt");
    chunk.resize(chunk.size() + big, 0);
    append32(chunk, 0);  // CRC: not checked by the probe
    png.insert(png.end() - 12, chunk.begin(), chunk.end());
    const report r = validate(i2v({data_uri("image/png", png)}));
    INFO(to_text(r));
    REQUIRE(r.has(code::image_too_large, "/image_urls/0"));
    CHECK_THAT(find(r, code::image_too_large)->message, Catch::Contains(std::to_string(png.size()) + " bytes"));
    CHECK_FALSE(r.has(code::image_dimensions));
  }
}

TEST_CASE("data: URI images that are not images: invalid_url or image_format, each saying why", "[validate][data_uri]") {
  SECTION("malformed Base64 is invalid_url") {
    for (const char* u : {"data:image/png;base64,iVBO!w0K", "data:image/png;base64,iVBORw0KG", "data:image/png;base64,QQ=A",
                          "data:image/png;base64", "data:image/png,%89PNG"}) {
      INFO(u);
      const report r = validate(i2v({u}));
      CHECK(r.has(code::invalid_url, "/image_urls/0"));
      CHECK(r.has(code::base64_media, "/image_urls/0"));
      CHECK_THAT(find(r, code::invalid_url)->message, Catch::Contains("data: URI"));
    }
  }
  SECTION("a declared type that is not an accepted image is image_format") {
    for (const char* type : {"image/gif", "text/plain", "video/mp4", "image/svg+xml"}) {
      INFO(type);
      const report r = validate(i2v({corpus_uri(type, "image/png_rgb_640x480.png")}));
      CHECK(r.has(code::image_format, "/image_urls/0"));
      CHECK_THAT(find(r, code::image_format)->message, Catch::Contains(type));
    }
  }
  SECTION("content that is not an image is image_format") {
    const report video = validate(i2v({corpus_uri("image/png", "video/dur_2s.mp4")}));
    CHECK(video.has(code::image_format, "/image_urls/0"));
    const report junk = validate(i2v({data_uri("image/png", bytes(3000, 0x42))}));
    CHECK(junk.has(code::image_format, "/image_urls/0"));
    CHECK_THAT(find(junk, code::image_format)->message, Catch::Contains("not a"));
    // a truncated PNG (no IEND) is damaged content
    bytes cut = read_bytes(corpus_dir() / "image/png_rgb_640x480.png");
    cut.resize(cut.size() / 2);
    CHECK(validate(i2v({data_uri("image/png", cut)})).has(code::image_format, "/image_urls/0"));
  }
}

TEST_CASE("data: URIs where they are refused are not probed", "[validate][data_uri]") {
  // reference-to-video: the error alone, even for an image the image rules would refuse
  const json r2v = {{"model", "seedance-2.0-reference-to-video"},
                    {"prompt", "an ad"},
                    {"image_urls", {corpus_uri("image/jpeg", "image/jpeg_250x250.jpg")}}};
  const report r = validate(r2v);
  INFO(to_text(r));
  REQUIRE(r.has(code::base64_media, "/image_urls/0"));
  CHECK(find(r, code::base64_media)->severity == severity::error);
  CHECK_FALSE(r.has(code::image_dimensions));
  CHECK(codes(r).size() == 1);
}

TEST_CASE("data: URI diagnostics have a line and column from the text", "[validate][data_uri][position]") {
  const std::string good = corpus_uri("image/png", "image/png_rgb_640x480.png");
  const std::string small = corpus_uri("image/jpeg", "image/jpeg_250x250.jpg");
  const std::string text =
      "{\"model\": \"seedance-2.0-image-to-video\", \"prompt\": \"x\",\n\"image_urls\": [\n  \"" + good + "\",\n  \"" + small + "\"]}";
  const report r = validate(std::string_view(text));
  const diagnostic* d = find(r, code::image_dimensions);
  REQUIRE(d != nullptr);
  CHECK(d->path == "/image_urls/1");
  REQUIRE(d->position.has_value());
  CHECK(d->position->line == 4);
  CHECK(d->position->column == 3);
}

TEST_CASE("many data: URI images: every one checked, the report bounded", "[validate][data_uri][hostile]") {
  // 5,000 copies of a 250x250 JPEG: too_many_media once; base64_media and image_dimensions each
  // listed for the first 16 items, then one summary each (validation_bounds::max_repeats). The
  // lookup of each item's properties is a binary search: the time is a benchmark's business.
  const std::string small = corpus_uri("image/jpeg", "image/jpeg_250x250.jpg");
  const report r = validate(i2v(std::vector<std::string>(5000, small)));
  std::size_t base64 = 0, dims = 0;
  for (const diagnostic& d : r) {
    base64 += d.code == code::base64_media ? 1 : 0;
    dims += d.code == code::image_dimensions ? 1 : 0;
  }
  CHECK(r.has(code::too_many_media, "/image_urls"));
  CHECK(base64 == validation_bounds::max_repeats + 1);
  CHECK(dims == validation_bounds::max_repeats + 1);
  CHECK(r.has(code::image_dimensions, "/image_urls/4999") == false);
  bool summary = false;
  for (const diagnostic& d : r)
    summary =
        summary || (d.code == code::image_dimensions && d.path == "/image_urls" && d.message.find("4984 more items") != std::string::npos);
  CHECK(summary);
}

// data: URIs (RFC 2397) probed without decoding them whole (docs/spec.md section 9, "Base64 media by mode";
// docs/probe.md, "Data URIs"): the corpus images as data URIs (encoded here by the test's own
// encoder) probe as their files do; malformed Base64 is refused with its reason; the decoded size
// comes from the length and padding; 40 MB of payload is neither decoded nor copied; and the
// on-demand reader gives exactly the bytes a whole decoding gives.
#include <catch2/catch.hpp>

#include <seedance/probe.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <new>
#include <random>
#include <string>
#include <vector>

#include "probe_test_util.hpp"

// The largest single allocation while `watching` (the test binary's operator new: this file is its
// only replacement). Not under AddressSanitizer, whose own operator new the replacement would mix with.
#if defined(__SANITIZE_ADDRESS__)
#define SEEDANCE_TEST_NO_NEW 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SEEDANCE_TEST_NO_NEW 1
#endif
#endif
namespace {
std::atomic<bool> watching{false};
std::atomic<std::size_t> largest{0};
}  // namespace
#ifndef SEEDANCE_TEST_NO_NEW
void* operator new(std::size_t n) {
  if (watching.load(std::memory_order_relaxed) && n > largest.load(std::memory_order_relaxed)) largest.store(n, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
#endif

using namespace seedance;
using namespace probe_test;
using nlohmann::json;

namespace {
std::string uri(const std::string& type, const bytes& d) { return "data:" + type + ";base64," + base64_encode(d); }
std::string text_uri(const std::string& type, const std::string& b64) { return "data:" + type + ";base64," + b64; }
}  // namespace

TEST_CASE("is_data_uri: the scheme in any case, nothing else", "[probe][data_uri]") {
  CHECK(is_data_uri("data:image/png;base64,AAAA"));
  CHECK(is_data_uri("DATA:,"));
  CHECK(is_data_uri("Data:text/plain,hi"));
  CHECK_FALSE(is_data_uri("https://example.com/data:x"));
  CHECK_FALSE(is_data_uri("data"));
  CHECK_FALSE(is_data_uri("dat:x"));
  CHECK_FALSE(is_data_uri(" data:x"));
  CHECK_FALSE(is_data_uri("datax:"));
  static_assert(is_data_uri("data:,"));
}

TEST_CASE("the corpus images as data URIs probe as their files do", "[probe][data_uri]") {
  for (const fs::path& p : corpus_files("image")) {
    INFO(p.filename().string());
    const bytes d = read_bytes(p);
    const probe_result file = probe(std::span<const std::uint8_t>(d));
    REQUIRE(file.ok());
    const std::string ext = p.extension().string();
    const std::string type = ext == ".png" ? "image/png" : ext == ".jpg" ? "image/jpeg" : "image/webp";
    const data_uri_probe u = probe_data_uri(uri(type, d), {.only = media_kind::image});
    INFO(u.message << " / " << summary(u.probe));
    REQUIRE(u.error == data_uri_errc::none);
    REQUIRE(u.ok());
    CHECK(u.base64);
    CHECK(u.media_type == type);
    CHECK(u.declared_format() == u.probe.image()->format);
    CHECK_FALSE(u.image_type_problem());
    CHECK(u.decoded_bytes == d.size());
    CHECK(u.payload_chars == (d.size() + 2) / 3 * 4);
    CHECK(summary(u.probe) == summary(file));
    // The validator's view: the displayed size (as ffprobe's coded size, swapped by EXIF 5..8) and
    // the decoded byte count.
    const auto props = u.properties();
    REQUIRE(props);
    const auto& ip = std::get<image_properties>(*props);
    const json j = ffprobe_json(p);
    const json& s = j.at("streams").at(0);
    const bool quarter = u.probe.image()->orientation >= 5;
    CHECK(*ip.width == s.at(std::string(quarter ? "height" : "width")).get<std::uint32_t>());
    CHECK(*ip.height == s.at(std::string(quarter ? "width" : "height")).get<std::uint32_t>());
    CHECK(*ip.bytes == d.size());
    CHECK(*ip.format == file.image()->format);
    // The same image cut: truncated through the data URI too (its Base64 re-encoded from the cut bytes).
    const bytes cut(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2));
    const data_uri_probe c = probe_data_uri(uri(type, cut));
    CHECK(c.error == data_uri_errc::none);
    CHECK((c.probe.error() && c.probe.error()->code == probe_errc::truncated));
  }
  // Right and wrong sizes for the rules (300..6000 px): the sizes the validator will see.
  const auto size_of = [](const char* rel, const char* type) {
    const auto props = probe_data_uri(uri(type, read_bytes(corpus_dir() / rel))).properties();
    REQUIRE(props);
    const auto& ip = std::get<image_properties>(*props);
    return std::pair{*ip.width, *ip.height};
  };
  CHECK(size_of("image/jpeg_250x250.jpg", "image/jpeg") == std::pair{250u, 250u});
  CHECK(size_of("image/jpeg_7000x300.jpg", "image/jpeg") == std::pair{7000u, 300u});
  CHECK(size_of("image/png_rgb_640x480.png", "image/png") == std::pair{640u, 480u});
  CHECK(size_of("image/jpeg_exif6_640x480.jpg", "image/jpeg") == std::pair{480u, 640u});  // EXIF 6: displayed portrait
}

TEST_CASE("malformed Base64: bad characters, bad length, bad padding, each with its reason", "[probe][data_uri]") {
  const auto bad = [](const std::string& u, const std::string& says) {
    const data_uri_probe d = probe_data_uri(u);
    INFO(u << " -> " << d.message);
    CHECK(d.error == data_uri_errc::malformed);
    CHECK(d.message.find(says) != std::string::npos);
    CHECK_FALSE(d.ok());
    CHECK_FALSE(d.properties());
    CHECK(d.probe.error() != nullptr);
  };
  bad("data:image/png;base64,iVBO!w0K", "'!' at offset 26 of the URI");  // "data:image/png;base64," is 22 characters
  bad("data:image/png;base64,iVBO w0K", "a space at offset 26");
  bad("data:image/png;base64,iVBO\nw0K", "a line break");
  bad("data:image/png;base64,iVBO%2Bw0", "'%'");
  bad("data:image/png;base64,iVBO-w0K", "URL-safe");
  bad("data:image/png;base64,iVBO\x80w0K", "0x80");
  bad("data:image/png;base64,iVBORw0KG", "9 characters long, not a multiple of 4");
  bad("data:image/png;base64,QQ", "2 characters long");
  bad("data:image/png;base64,QQ=", "3 characters long");
  bad("data:image/png;base64,QQ=A", "padding ('=') at offset 24");
  bad("data:image/png;base64,Q===", "padding ('=') at offset 23");
  bad("data:image/png;base64,=AAA", "padding ('=') at offset 22");
  bad("data:image/png;base64,AAAA====", "padding ('=') at offset 26");
  bad("data:image/png;base64", "no ','");
  // Well-formed edge cases: the decoded size from the length and the padding.
  for (const auto& [b64, n] :
       std::vector<std::pair<std::string, std::uint64_t>>{{"", 0}, {"QQ==", 1}, {"QUI=", 2}, {"QUJD", 3}, {"QUJDRA==", 4}}) {
    const data_uri_probe d = probe_data_uri(text_uri("image/png", b64));
    INFO(b64 << ": " << d.message);
    CHECK(d.error == data_uri_errc::none);
    CHECK(d.decoded_bytes == n);
    CHECK(d.probe.bytes == n);
    CHECK_FALSE(d.ok());  // "A", "AB", ...: not an image
  }
}

TEST_CASE("declared type and content: not an image, not Base64, no type", "[probe][data_uri]") {
  const bytes png = read_bytes(corpus_dir() / "image/png_rgb_640x480.png");
  SECTION("a declared type that is not an image: the message says so; the content is still probed") {
    const data_uri_probe d = probe_data_uri(uri("text/plain", png));
    REQUIRE(d.error == data_uri_errc::none);
    CHECK(d.media_type == "text/plain");
    CHECK(d.declared_format() == media_format::other);
    REQUIRE(d.image_type_problem());
    CHECK(d.image_type_problem()->find("'text/plain'") != std::string::npos);
    CHECK(d.ok());  // the bytes are a PNG
    CHECK(probe_data_uri(uri("video/mp4", png)).image_type_problem());
    CHECK(probe_data_uri(uri("image/gif", png)).image_type_problem());
    CHECK(probe_data_uri(uri("image/heic", png)).image_type_problem());
    CHECK_FALSE(probe_data_uri(uri("IMAGE/PNG", png)).image_type_problem());  // types are case-insensitive
    CHECK_FALSE(probe_data_uri(uri("image/jpg", png)).image_type_problem());  // the common misspelling
    CHECK(probe_data_uri(uri("image/png;name=a.png", png)).media_type == "image/png");  // parameters are not the type
    const data_uri_probe none = probe_data_uri(uri("", png));
    CHECK(none.media_type.empty());
    REQUIRE(none.image_type_problem());
    CHECK(none.image_type_problem()->find("text/plain") != std::string::npos);
  }
  SECTION("content that is not an image") {
    const std::string text = "hello, this is not an image at all";
    const data_uri_probe d = probe_data_uri(uri("image/png", bytes(text.begin(), text.end())), {.only = media_kind::image});
    REQUIRE(d.error == data_uri_errc::none);
    CHECK(d.decoded_bytes == text.size());
    REQUIRE(d.probe.error());
    CHECK(d.probe.error()->code == probe_errc::unrecognized_format);
    CHECK_FALSE(d.properties());
    // a video's bytes as an image: not an image
    const data_uri_probe v = probe_data_uri(uri("image/png", read_bytes(corpus_dir() / "video/dur_2s.mp4")), {.only = media_kind::image});
    CHECK((v.probe.error() && v.probe.error()->code == probe_errc::unrecognized_format));
  }
  SECTION("not Base64, not a data URI") {
    const data_uri_probe d = probe_data_uri("data:image/png,%89PNG%0D%0A");
    CHECK(d.error == data_uri_errc::not_base64);
    CHECK(d.message.find(";base64") != std::string::npos);
    CHECK(d.media_type == "image/png");
    CHECK(probe_data_uri("data:image/png;base64x,AAAA").error == data_uri_errc::not_base64);
    CHECK(probe_data_uri("data:image/png;BASE64," + base64_encode(png)).ok());
    CHECK(probe_data_uri("https://example.com/a.png").error == data_uri_errc::not_data_uri);
    CHECK(to_string(data_uri_errc::malformed) == "malformed");
  }
}

TEST_CASE("40 MB of payload: scanned once, never decoded whole nor copied", "[probe][data_uri][large]") {
  const std::string big = "data:image/png;base64," + std::string(40'000'000, 'A');
  largest = 0;
  watching = true;
  const auto t0 = std::chrono::steady_clock::now();
  const data_uri_probe d = probe_data_uri(big);
  const auto t1 = std::chrono::steady_clock::now();
  watching = false;
  CHECK(d.error == data_uri_errc::none);
  CHECK(d.decoded_bytes == 30'000'000);
  CHECK(d.probe.bytes == 30'000'000);
  REQUIRE(d.probe.error());
  CHECK(d.probe.error()->code == probe_errc::unrecognized_format);  // 30 MB of zero bytes
  CHECK(d.probe.bytes_read <= 2 * 16384);                             // decoded: a window or two, not 30 MB
#ifndef SEEDANCE_TEST_NO_NEW
  CHECK(largest.load() < 4096);  // messages only: nothing sized by the payload
#endif
  const double seconds = std::chrono::duration<double>(t1 - t0).count();
  INFO(seconds << " s");
  // One scan of 40 MB: about 20 ms optimised (-O2), about 2 s in an unoptimised Debug build, more
  // under sanitizers; a decoding or copying would add as much again and allocate 30 MB (checked above).
  CHECK(seconds < 10.0);
  // A bad character at the very end is still found, and the message places it.
  const data_uri_probe e = probe_data_uri(big.substr(0, big.size() - 1) + "*");
  CHECK(e.error == data_uri_errc::malformed);
  CHECK(e.message.find("offset " + std::to_string(big.size() - 1)) != std::string::npos);
}

TEST_CASE("the on-demand reader gives exactly the bytes a whole decoding gives", "[probe][data_uri]") {
  std::mt19937_64 rng(42);
  for (const std::size_t size :
       {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{100'000}, std::size_t{100'001}, std::size_t{100'002}}) {
    bytes d(size);
    for (auto& b : d) b = static_cast<std::uint8_t>(rng());
    const std::string b64 = base64_encode(d);
    const bytes whole = base64_decode(b64);  // the reference decoder, written in the test
    REQUIRE(whole == d);
    detail::probe::base64_source src{b64.data(), size};
    REQUIRE(probe_data_uri(text_uri("application/octet-stream", b64)).decoded_bytes == size);
    bytes out(20000);
    for (int i = 0; i < 500 && size > 0; ++i) {
      const std::uint64_t off = rng() % size;
      const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(rng() % out.size() + 1, size - off));
      REQUIRE(detail::probe::read_base64(&src, off, out.data(), n) == n);
      INFO("offset " << off << ", " << n << " bytes");
      REQUIRE(std::equal(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n), whole.begin() + static_cast<std::ptrdiff_t>(off)));
    }
    // Every offset near the end (the padded quantum).
    for (std::uint64_t off = size > 7 ? size - 7 : 0; off < size; ++off) {
      REQUIRE(detail::probe::read_base64(&src, off, out.data(), size - off) == size - off);
      CHECK(
          std::equal(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(size - off), whole.begin() + static_cast<std::ptrdiff_t>(off)));
    }
    // Past the end: refused.
    CHECK(detail::probe::read_base64(&src, size, out.data(), 1) == 0);
  }
}

// Paths of the probe that the generated corpus does not reach, on crafted buffers: the layouts come
// from the format specifications and every expected value is worked out by hand here, never copied
// from the probe's output. Also the regressions of the review of issue 4: a short sample entry in a
// non-video track, trex before trak, JPEG fill bytes, ±1-tick durations of a constant rate.
#include <catch2/catch.hpp>

#include <seedance/probe.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "probe_test_util.hpp"

using namespace seedance;
using namespace probe_test;

namespace {

probe_result mem(const bytes& d) { return probe(std::span<const std::uint8_t>(d)); }
bool is_error(const probe_result& r, probe_errc c) { return r.error() && r.error()->code == c; }
bool says(const probe_result& r, const std::string& what) { return r.error() && r.error()->message.find(what) != std::string::npos; }

/// The stbl children of a 320x240 video track with the given stts runs (and an stsz of as many samples).
bytes video_stbl(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& runs) {
  std::uint32_t n = 0;
  for (const auto& r : runs) n += r.first;
  return cat({stsd_box({visual_entry(320, 240)}), stts_box(runs), full_box("stsz", 0, words({0, n}))});
}
/// 50 samples of 512 ticks at 12800 Hz: 25 fps, 2 s.
bytes video_trak(std::uint32_t id = 1) { return trak_box(tkhd_box(id), 12800, 50 * 512, "vide", video_stbl({{50, 512}})); }
bytes movie(std::initializer_list<bytes> moov_children) { return bmff(box_of("moov", cat(moov_children))); }

/// A sample entry of `size` bytes (at least 8) of type `type`, zeros after its header.
bytes short_entry(std::uint32_t size, const char* type) {
  bytes e(size, 0);
  put32(e, 0, size);
  for (int i = 0; i < 4; ++i) e[4 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(type[i]);
  return e;
}

/// A fragmented movie: one 320x240 video track (id 1, timescale 12800, no samples in moov), the
/// given mvex children placed before or after the trak, then the fragments.
bytes fragmented(const bytes& mvex_children, const std::vector<bytes>& moofs, bool mvex_first = false) {
  const bytes trak = trak_box(tkhd_box(1), 12800, 0, "vide", cat({stsd_box({visual_entry(320, 240)}), stts_box({})}));
  const bytes mvex = box_of("mvex", mvex_children);
  bytes d = bmff(box_of("moov", mvex_first ? cat({mvhd_box(1000, 0), mvex, trak}) : cat({mvhd_box(1000, 0), trak, mvex})), "iso5");
  for (const bytes& m : moofs) d.insert(d.end(), m.begin(), m.end());
  return d;
}

/// A TIFF block (big- or little-endian) whose IFD0 holds one entry: Orientation = o.
bytes tiff_orientation(std::uint16_t o, bool little = false) {
  if (little) return {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, static_cast<std::uint8_t>(o), 0, 0, 0, 0, 0, 0, 0};
  return {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, static_cast<std::uint8_t>(o), 0, 0, 0, 0, 0, 0};
}

// --- PNG and WebP builders (PNG: ISO 15948 chunks; WebP: RIFF, little-endian sizes) ---------------
bytes tag_bytes(const char* t) { return bytes(t, t + 4); }
bytes png_chunk(const char* type, const bytes& data) {
  bytes c = words({static_cast<std::uint32_t>(data.size())});
  const bytes t = tag_bytes(type);
  c.insert(c.end(), t.begin(), t.end());
  c.insert(c.end(), data.begin(), data.end());
  append32(c, 0);  // CRC (not checked)
  return c;
}
bytes png(std::uint32_t w, std::uint32_t h, const std::vector<bytes>& chunks_after_ihdr) {
  bytes d = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
  bytes ihdr;
  append32(ihdr, w);
  append32(ihdr, h);
  ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0});  // 8-bit RGB
  const bytes c = png_chunk("IHDR", ihdr);
  d.insert(d.end(), c.begin(), c.end());
  for (const bytes& k : chunks_after_ihdr) d.insert(d.end(), k.begin(), k.end());
  return d;
}
void le32_to(bytes& d, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) d.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
bytes riff_chunk(const char* type, const bytes& data) {
  bytes c = tag_bytes(type);
  le32_to(c, static_cast<std::uint32_t>(data.size()));
  c.insert(c.end(), data.begin(), data.end());
  if (data.size() % 2) c.push_back(0);
  return c;
}
bytes webp(const std::vector<bytes>& chunks) {
  bytes body = tag_bytes("WEBP");
  for (const bytes& k : chunks) body.insert(body.end(), k.begin(), k.end());
  bytes d = tag_bytes("RIFF");
  le32_to(d, static_cast<std::uint32_t>(body.size()));
  d.insert(d.end(), body.begin(), body.end());
  return d;
}
/// VP8X: flags (0x10 alpha, 0x08 EXIF, 0x02 animation), canvas width - 1 and height - 1 (24 bits each).
bytes vp8x(std::uint8_t flags, std::uint32_t w, std::uint32_t h) {
  bytes p = {flags, 0, 0, 0};
  for (std::uint32_t v : {w - 1, h - 1})
    for (int i = 0; i < 3; ++i) p.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  return riff_chunk("VP8X", p);
}
/// A VP8L bitstream header: signature 0x2f, then 14 bits width - 1, 14 bits height - 1, alpha, version.
bytes vp8l(std::uint32_t w, std::uint32_t h) {
  const std::uint32_t bits = (w - 1) | (h - 1) << 14;
  bytes p = {0x2f};
  le32_to(p, bits);
  return riff_chunk("VP8L", p);
}
/// A VP8 key frame header: frame tag (key frame), start code 9d 01 2a, 14-bit width and height.
bytes vp8(std::uint16_t w, std::uint16_t h) {
  return riff_chunk("VP8 ", {0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, static_cast<std::uint8_t>(w), static_cast<std::uint8_t>(w >> 8),
                             static_cast<std::uint8_t>(h), static_cast<std::uint8_t>(h >> 8)});
}

// --- MPEG audio (ISO 11172-3 / 13818-3 frame headers) --------------------------------------------
/// `n` frames of `size` bytes, each starting with the 4 header bytes.
void frames(bytes& d, std::uint32_t n, std::size_t size, std::initializer_list<std::uint8_t> header) {
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::size_t at = d.size();
    d.resize(at + size, 0);
    std::copy(header.begin(), header.end(), d.begin() + static_cast<std::ptrdiff_t>(at));
  }
}

}  // namespace

TEST_CASE("a short sample entry in a track other than the video track does not fail the file", "[probe][paths][bmff]") {
  // Review finding 1: a metadata track whose stsd holds two 20-byte 'mett' entries.
  const bytes mett = short_entry(20, "mett");
  const bytes meta = trak_box(tkhd_box(2), 1000, 2000, "meta", cat({stsd_box({mett, mett}), stts_box({{1, 2000}})}));
  const bytes audio = trak_box(tkhd_box(3), 8000, 16000, "soun", cat({stsd_box({short_entry(16, "mp4a")}), stts_box({{16, 1000}})}));
  for (const bytes& d : {movie({mvhd_box(1000, 2000), video_trak(), meta}), movie({mvhd_box(1000, 2000), meta, video_trak()}),
                         movie({mvhd_box(1000, 2000), audio, video_trak(), meta})}) {
    const probe_result r = mem(d);
    INFO(summary(r));
    REQUIRE(r.ok());
    CHECK(r.video()->width == 320);
    CHECK(r.video()->height == 240);
    CHECK(r.video()->frames == 50);
    CHECK(r.video()->fps == Approx(25.0));  // 50 x 12800 / (50 x 512)
    CHECK(r.video()->duration == Approx(2.0));
  }
  CHECK(mem(movie({mvhd_box(1000, 2000), audio, video_trak()})).video()->has_audio);

  SECTION("the video track's hdlr after its minf: the sample entry is still read") {
    const probe_result r = mem(movie({mvhd_box(1000, 2000), trak_box(tkhd_box(1), 12800, 25600, "vide", video_stbl({{50, 512}}), true)}));
    INFO(summary(r));
    REQUIRE(r.ok());
    CHECK(r.video()->width == 320);
    CHECK(r.video()->height == 240);
  }
  SECTION("a bad entry in the video track itself is malformed, with the right reason") {
    const auto with_stsd = [](const bytes& stsd, bool hdlr_after_minf = false) {
      return mem(
          movie({mvhd_box(1000, 2000), trak_box(tkhd_box(1), 12800, 25600, "vide", cat({stsd, stts_box({{50, 512}})}), hdlr_after_minf)}));
    };
    for (bool late : {false, true}) {
      INFO("hdlr after minf: " << late);
      const probe_result too_short = with_stsd(stsd_box({short_entry(20, "avc1")}), late);
      CHECK(is_error(too_short, probe_errc::malformed));
      CHECK(says(too_short, "is 20 bytes, too short"));
      CHECK_FALSE(says(too_short, "overrun"));
      bytes claims = visual_entry(320, 240);
      put32(claims, 0, 200);  // 200 bytes claimed, 78 there
      const probe_result over = with_stsd(stsd_box({claims}), late);
      CHECK(is_error(over, probe_errc::malformed));
      CHECK(says(over, "claims 200 bytes"));
      CHECK(says(with_stsd(stsd_box({}), late), "holds no entry"));
      CHECK(says(with_stsd(stsd_box({visual_entry(0, 240)}), late), "width or height of 0"));
    }
    CHECK(says(mem(movie({mvhd_box(1000, 2000), trak_box(tkhd_box(1), 12800, 25600, "vide", stts_box({{50, 512}}))})),
               "no sample description"));
  }
  SECTION("a bad entry in a second video track does not matter: the first video track is reported") {
    const bytes second = trak_box(tkhd_box(2), 12800, 25600, "vide", cat({stsd_box({short_entry(20, "avc1")}), stts_box({{50, 512}})}));
    const probe_result r = mem(movie({mvhd_box(1000, 2000), video_trak(), second}));
    INFO(summary(r));
    REQUIRE(r.ok());
    CHECK(r.video()->width == 320);
  }
}

TEST_CASE("fragments: trex defaults apply whatever the order of mvex and trak", "[probe][paths][bmff][fragmented]") {
  // Review finding 2: 50 samples without durations in a fragment; trex gives 512 ticks at 12800 Hz.
  for (bool mvex_first : {false, true}) {
    INFO("mvex before trak: " << mvex_first);
    const probe_result r = mem(fragmented(trex_box(1, 512), {moof_box(1, 1, 50)}, mvex_first));
    INFO(summary(r));
    REQUIRE(r.ok());
    CHECK(r.video()->fragmented);
    CHECK(r.video()->frames == 50);
    CHECK(r.video()->fps == Approx(25.0));      // 50 x 12800 / (50 x 512)
    CHECK(r.video()->duration == Approx(2.0));  // 25600 / 12800
    CHECK_FALSE(r.video()->fps_estimated);
    // Two fragments; tfhd's own default (256) wins over trex's in the second.
    const probe_result two = mem(fragmented(trex_box(1, 512), {moof_box(1, 1, 50), moof_box(2, 1, 50, {}, 256)}, mvex_first));
    INFO(summary(two));
    REQUIRE(two.ok());
    CHECK(two.video()->frames == 100);
    CHECK(two.video()->duration == Approx((50.0 * 512 + 50.0 * 256) / 12800));  // 3 s
    CHECK(two.video()->fps == Approx(100.0 * 12800 / (50.0 * 512 + 50.0 * 256)));
  }
  SECTION("the first trex of a track id counts (as in ffmpeg); another track's trex does not apply") {
    const probe_result r = mem(fragmented(cat({trex_box(1, 512), trex_box(1, 1024)}), {moof_box(1, 1, 50)}, true));
    REQUIRE(r.ok());
    CHECK(r.video()->fps == Approx(25.0));
    const probe_result other = mem(fragmented(trex_box(2, 512), {moof_box(1, 1, 50)}, true));
    CHECK(is_error(other, probe_errc::malformed));  // durations 0, no mehd: no frame rate
    CHECK(says(other, "durations are all 0"));
  }
}

TEST_CASE("a video without frames, frame rate or duration is an error, never a result with gaps", "[probe][paths][bmff]") {
  // Review finding 2, second part: to_media_properties leaves out a 0 duration or fps, and the
  // validator would then skip its duration and fps rules. The probe refuses such a video instead.
  SECTION("a fragmented movie that ends after its header") {
    const probe_result r = mem(fragmented(trex_box(1, 512), {}));
    CHECK(is_error(r, probe_errc::truncated));
    CHECK_FALSE(r.properties());
  }
  SECTION("fragments for another track only") {
    CHECK(is_error(mem(fragmented(trex_box(1, 512), {moof_box(1, 7, 50, {512})})), probe_errc::malformed));
  }
  SECTION("a video track without samples") {
    const probe_result r = mem(movie({mvhd_box(1000, 2000), trak_box(tkhd_box(1), 12800, 25600, "vide", video_stbl({}))}));
    CHECK(is_error(r, probe_errc::malformed));
    CHECK(says(r, "no samples"));
  }
  SECTION("stts durations all 0: the rate from mdhd's duration, flagged as estimated") {
    const probe_result r = mem(movie({mvhd_box(1000, 2000), trak_box(tkhd_box(1), 12800, 25600, "vide", video_stbl({{50, 0}}))}));
    INFO(summary(r));
    REQUIRE(r.ok());
    CHECK(r.video()->fps == Approx(25.0));  // 50 x 12800 / 25600
    CHECK(r.video()->fps_estimated);
    // Without an mdhd duration: the movie's (mvhd: 2 s), also estimated.
    const probe_result movie_only = mem(movie({mvhd_box(1000, 2000), trak_box(tkhd_box(1), 12800, 0, "vide", video_stbl({{50, 0}}))}));
    REQUIRE(movie_only.ok());
    CHECK(movie_only.video()->fps == Approx(25.0));  // 50 / 2 s
    CHECK(movie_only.video()->fps_estimated);
    // ... and without either: no frame rate at all.
    const probe_result none = mem(movie({mvhd_box(1000, 0), trak_box(tkhd_box(1), 12800, 0, "vide", video_stbl({{50, 0}}))}));
    CHECK(is_error(none, probe_errc::malformed));
    CHECK(says(none, "no frame rate"));
  }
  SECTION("every successful crafted probe in this file has a positive duration and fps in properties()") {
    for (const bytes& d : {movie({mvhd_box(1000, 2000), video_trak()}), fragmented(trex_box(1, 512), {moof_box(1, 1, 50)})}) {
      const auto props = mem(d).properties();
      REQUIRE(props);
      const auto& v = std::get<video_properties>(*props);
      REQUIRE(v.duration);
      REQUIRE(v.fps);
      CHECK(*v.duration > 0);
      CHECK(*v.fps > 0);
    }
  }
}

TEST_CASE("fragments without sample durations: mehd gives the duration", "[probe][paths][bmff][fragmented]") {
  // mehd: the whole movie's length in the movie timescale (mvhd's, 1000 here): 4000 = 4 s; 100
  // samples without durations (no trun, tfhd or trex default): 100 / 4 s = 25 fps, estimated.
  const bytes mehd0 = full_box("mehd", 0, words({4000}));
  const bytes mehd1 = full_box("mehd", 0x01000000, words({0, 4000}));  // version 1: a 64-bit duration
  for (const bytes& mehd : {mehd0, mehd1}) {
    const probe_result r = mem(fragmented(cat({mehd, trex_box(1, 0)}), {moof_box(1, 1, 60), moof_box(2, 1, 40)}));
    INFO(summary(r));
    REQUIRE(r.ok());
    CHECK(r.video()->duration == Approx(4.0));
    CHECK(r.video()->frames == 100);
    CHECK(r.video()->fps == Approx(25.0));
    CHECK(r.video()->fps_estimated);
  }
  // Fragments with durations: mehd is not used (50 x 512 / 12800 = 2 s, not mehd's 9 s).
  const probe_result r = mem(fragmented(cat({full_box("mehd", 0, words({9000})), trex_box(1, 512)}), {moof_box(1, 1, 50)}));
  REQUIRE(r.ok());
  CHECK(r.video()->duration == Approx(2.0));
  CHECK_FALSE(r.video()->fps_estimated);
}

TEST_CASE("a constant rate whose durations alternate by one tick is not variable", "[probe][paths][bmff][fps]") {
  // Review finding 4. Muxers round each timestamp to the tick: frame k at round(k x timescale / rate).
  const auto rounded_runs = [](std::uint32_t frames, double ticks_per_frame) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> runs;
    for (std::uint32_t k = 0; k < frames; ++k) {
      const auto d = static_cast<std::uint32_t>(std::llround((k + 1) * ticks_per_frame) - std::llround(k * ticks_per_frame));
      if (!runs.empty() && runs.back().second == d) ++runs.back().first;
      else runs.emplace_back(1, d);
    }
    return runs;
  };
  const auto probe_runs = [](std::uint32_t timescale, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& runs) {
    std::uint64_t t = 0;
    for (const auto& [c, d] : runs) t += std::uint64_t{c} * d;
    const auto trak = trak_box(tkhd_box(1), timescale, static_cast<std::uint32_t>(t), "vide", video_stbl(runs));
    return mem(movie({mvhd_box(1000, static_cast<std::uint32_t>(t * 1000 / timescale)), trak}));
  };
  SECTION("90 kHz at 24000/1001 (3753.75 ticks a frame) and 600 at 30000/1001 (20.02)") {
    const auto ntsc_film = rounded_runs(48, 90000.0 * 1001 / 24000);
    REQUIRE(ntsc_film.size() > 2);  // the durations do alternate: 3754 and 3753
    const probe_result a = probe_runs(90000, ntsc_film);
    INFO(summary(a));
    REQUIRE(a.ok());
    CHECK_FALSE(a.video()->variable_frame_rate);
    CHECK(a.video()->fps == Approx(24000.0 / 1001).epsilon(1e-9));  // 48 frames in 180180 ticks exactly
    const auto iphone = rounded_runs(90, 600.0 * 1001 / 30000);
    REQUIRE(iphone.size() > 2);  // 20 and 21
    const probe_result b = probe_runs(600, iphone);
    INFO(summary(b));
    REQUIRE(b.ok());
    CHECK_FALSE(b.video()->variable_frame_rate);
    CHECK(b.video()->fps == Approx(90.0 * 600 / 1802));  // round(90 x 20.02) = 1802 ticks
  }
  SECTION("two ticks apart is variable; a stretched first or last sample is not") {
    CHECK(probe_runs(90000, {{25, 3754}, {25, 3752}}).video()->variable_frame_rate);
    CHECK(probe_runs(90000, {{10, 3753}, {10, 3754}, {10, 3755}}).video()->variable_frame_rate);
    CHECK(probe_runs(15360, {{2, 512}, {1, 1024}, {2, 512}, {1, 1024}}).video()->variable_frame_rate);  // dropped frames
    CHECK_FALSE(probe_runs(90000, {{1, 10000}, {48, 3754}, {1, 5}}).video()->variable_frame_rate);
    CHECK_FALSE(probe_runs(90000, {{1, 10000}, {20, 3754}, {1, 3753}, {20, 3754}, {1, 5}}).video()->variable_frame_rate);
    CHECK(probe_runs(90000, {{2, 10000}, {48, 3754}}).video()->variable_frame_rate);  // two stretched samples are not one
    CHECK(probe_runs(90000, {{48, 3754}, {2, 5}}).video()->variable_frame_rate);
    CHECK_FALSE(probe_runs(90000, {{50, 3754}}).video()->variable_frame_rate);
  }
}

TEST_CASE("the tkhd matrix: rotation, mirroring and the displayed size", "[probe][paths][bmff]") {
  // x' = a x + c y, y' = b x + d y (16.16); rotation is the clockwise angle of the image of the x
  // axis (a, b) on screen (y down); the matrix mirrors when a d - b c < 0.
  struct matrix_case {
    std::int32_t a, b, c, d;
    int rotation;
    bool mirrored;
  };
  const std::int32_t one = 0x10000, minus = -0x10000;
  for (const matrix_case& m : {matrix_case{one, 0, 0, one, 0, false},         // identity
                               matrix_case{0, one, minus, 0, 90, false},      // x axis to (0, 1): 90 clockwise
                               matrix_case{minus, 0, 0, minus, 180, false},   // half turn
                               matrix_case{minus, 0, 0, one, 180, true},      // horizontal flip: x axis to (-1, 0)
                               matrix_case{one, 0, 0, minus, 0, true},        // vertical flip
                               matrix_case{0, one, one, 0, 90, true},         // transpose: a quarter turn and a flip
                               matrix_case{0, minus, minus, 0, 270, true}}) { // anti-transpose
    INFO(m.a << ' ' << m.b << ' ' << m.c << ' ' << m.d);
    const bytes trak = trak_box(tkhd_box(1, m.a, m.b, m.c, m.d), 12800, 25600, "vide", video_stbl({{50, 512}}));
    const probe_result r = mem(movie({mvhd_box(1000, 2000), trak}));
    REQUIRE(r.ok());
    CHECK(r.video()->rotation == m.rotation);
    CHECK(r.video()->mirrored == m.mirrored);
    CHECK(r.video()->width == 320);  // the coded size never changes
    const auto props = r.properties();
    REQUIRE(props);
    const auto& v = std::get<video_properties>(*props);
    const bool quarter = m.rotation % 180 != 0;
    CHECK(*v.width == (quarter ? 240u : 320u));
    CHECK(*v.height == (quarter ? 320u : 240u));
  }
}

TEST_CASE("JPEG: any number of fill bytes before a marker (T.81 B.1.1.2), counted as work", "[probe][paths][image]") {
  // Review finding 3. SOF0 of 32x16 after FF D8 and `fill` extra FF bytes.
  const auto jpeg = [](std::size_t fill_before_app, std::size_t fill_before_sof) {
    bytes d = {0xff, 0xd8};
    d.insert(d.end(), fill_before_app, 0xff);
    d.insert(d.end(), {0xff, 0xe0, 0x00, 0x04, 0, 0});  // an APP0 of 2 bytes
    d.insert(d.end(), fill_before_sof, 0xff);
    d.insert(d.end(), {0xff, 0xc0, 0x00, 0x0b, 8, 0, 16, 0, 32, 1, 1, 0x11, 0});
    d.insert(d.end(), {0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 63, 0, 0x12, 0x34, 0xff, 0xd9});  // SOS, scan data, EOI
    return d;
  };
  for (const std::size_t n : {std::size_t{65}, std::size_t{100}, std::size_t{5000}, std::size_t{40000}}) {
    INFO(n << " fill bytes");
    const probe_result r = mem(jpeg(n, n));
    REQUIRE(r.ok());
    CHECK(r.image()->width == 32);
    CHECK(r.image()->height == 16);
    CHECK(summary(probe_windowed(jpeg(n, n))) == summary(r));
  }
  // The budget (docs/probe.md): 100,000 segments and fill bytes. APP0 and SOF0 are 2 of them.
  CHECK(mem(jpeg(0, 99'998)).ok());
  const probe_result over = mem(jpeg(0, 99'999));
  CHECK(is_error(over, probe_errc::unsupported));
  CHECK(says(over, "fill bytes"));
}

TEST_CASE("PNG: the EXIF orientation of an eXIf chunk", "[probe][paths][image]") {
  const bytes idat = png_chunk("IDAT", {0x78, 0x9c}), iend = png_chunk("IEND", {});
  const probe_result r = mem(png(640, 480, {png_chunk("tEXt", {'a', 0, 'b'}), png_chunk("eXIf", tiff_orientation(6)), idat, iend}));
  INFO(summary(r));
  REQUIRE(r.ok());
  CHECK(r.image()->orientation == 6);
  CHECK(r.image()->has_exif_orientation);
  CHECK(r.image()->width == 640);
  const auto props = r.properties();
  REQUIRE(props);
  const auto& p = std::get<image_properties>(*props);
  CHECK(*p.width == 480);  // orientation 6: a quarter turn, the displayed size swaps
  CHECK(*p.height == 640);
  CHECK(mem(png(640, 480, {png_chunk("eXIf", tiff_orientation(8, true)), idat, iend})).image()->orientation == 8);
  CHECK(mem(png(640, 480, {png_chunk("eXIf", tiff_orientation(3)), idat, iend})).image()->orientation == 3);
  // After IDAT the walk has stopped: not read.
  const probe_result late = mem(png(640, 480, {idat, png_chunk("eXIf", tiff_orientation(6)), iend}));
  REQUIRE(late.ok());
  CHECK(late.image()->orientation == 1);
  CHECK_FALSE(late.image()->has_exif_orientation);
}

TEST_CASE("WebP VP8X: the lossless flag from a VP8L chunk, the orientation from an EXIF chunk", "[probe][paths][image]") {
  SECTION("VP8X + VP8L is lossless; VP8X + VP8 (with ALPH) is not") {
    const probe_result l = mem(webp({vp8x(0, 333, 517), vp8l(333, 517)}));
    INFO(summary(l));
    REQUIRE(l.ok());
    CHECK(l.image()->lossless);
    CHECK(l.image()->width == 333);
    CHECK(l.image()->height == 517);
    const probe_result v = mem(webp({vp8x(0x10, 401, 299), riff_chunk("ALPH", {0, 1, 2}), vp8(401, 299)}));
    INFO(summary(v));
    REQUIRE(v.ok());
    CHECK_FALSE(v.image()->lossless);
    CHECK(v.image()->alpha);
    CHECK(v.image()->width == 401);
  }
  SECTION("EXIF chunk, with and without the 'Exif\\0\\0' prefix, big- and little-endian") {
    bytes prefixed = {'E', 'x', 'i', 'f', 0, 0};
    const bytes t6 = tiff_orientation(6);
    prefixed.insert(prefixed.end(), t6.begin(), t6.end());
    for (const bytes& exif : {prefixed, t6, tiff_orientation(6, true)}) {
      const probe_result r = mem(webp({vp8x(0x08, 640, 480), vp8l(640, 480), riff_chunk("EXIF", exif)}));
      INFO(summary(r));
      REQUIRE(r.ok());
      CHECK(r.image()->orientation == 6);
      CHECK(r.image()->has_exif_orientation);
      CHECK(r.image()->lossless);
      const auto props = r.properties();
      REQUIRE(props);
      const auto& p = std::get<image_properties>(*props);
      CHECK(*p.width == 480);
      CHECK(*p.height == 640);
    }
    // An odd-sized chunk before EXIF is padded to an even size (RIFF).
    const probe_result odd = mem(webp({vp8x(0x08, 640, 480), riff_chunk("ICCP", {1, 2, 3}), vp8(640, 480), riff_chunk("EXIF", t6)}));
    REQUIRE(odd.ok());
    CHECK(odd.image()->orientation == 6);
    CHECK_FALSE(odd.image()->lossless);
  }
}

TEST_CASE("MP3: a VBRI header gives the frame count", "[probe][paths][audio]") {
  // MPEG-1 layer III, 128 kbps, 44.1 kHz, no padding: 144 x 128000 / 44100 = 417 bytes a frame.
  // Fraunhofer's VBRI header sits 32 bytes after the frame header whatever the channel mode:
  // "VBRI", version (2), delay (2), quality (2), bytes (4), frames (4).
  for (const std::uint8_t mode : {std::uint8_t{0x00}, std::uint8_t{0xc0}}) {  // stereo, mono
    INFO("mode byte " << int(mode));
    // 1000 frames of 417 bytes: 417,000 bytes (0x00065ce8), as the header says. (It claimed 417,024
    // in 3 frames before the December 2026 update: a byte count past the end is truncated now.)
    bytes d;
    frames(d, 1000, 417, {0xff, 0xfb, 0x90, mode});
    const bytes vbri = {'V', 'B', 'R', 'I', 0, 1, 0x04, 0x60, 0, 75, 0x00, 0x06, 0x5c, 0xe8, 0x00, 0x00, 0x03, 0xe8};
    std::copy(vbri.begin(), vbri.end(), d.begin() + 36);
    const probe_result r = mem(d);
    INFO(summary(r));
    REQUIRE(r.ok());
    const audio_probe* a = r.audio();
    CHECK(a->length_source == mp3_length_source::vbri);
    CHECK(a->mp3_frames == 1000);  // 0x3e8
    CHECK(a->duration == Approx(1000.0 * 1152 / 44100));
    CHECK(a->sample_rate == 44100);
    CHECK(a->channels == (mode == 0xc0 ? 1 : 2));
    CHECK(a->mpeg_version == 1);
    CHECK(a->bitrate_kbps == 128);
  }
}

namespace {
/// `n` frames of MPEG-1 layer III at `kbps` and `rate`, stereo, padded as LAME pads: the average
/// frame is 144000 x kbps / rate bytes exactly, and a frame takes the padding byte whenever the
/// fraction carried over runs out (lame's slot_lag), so frame k starts within a byte of k x average.
void cbr_frames(bytes& d, std::uint32_t n, std::uint32_t kbps, std::uint32_t rate) {
  static constexpr std::uint32_t kbps_of[15] = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
  std::uint8_t bi = 0;
  for (std::uint8_t i = 1; i < 15; ++i)
    if (kbps_of[i] == kbps) bi = i;
  const std::uint8_t ri = rate == 44100 ? 0 : rate == 48000 ? 1 : 2;
  const std::uint64_t num = 144000ull * kbps, whole = num / rate, frac = num % rate;
  std::int64_t lag = static_cast<std::int64_t>(frac);
  for (std::uint32_t k = 0; k < n; ++k) {
    bool pad = false;
    if (frac != 0) {
      lag -= static_cast<std::int64_t>(frac);
      if (lag < 0) lag += rate, pad = true;
    }
    const std::size_t at = d.size();
    d.resize(at + whole + (pad ? 1 : 0), 0);
    d[at] = 0xff, d[at + 1] = 0xfb;  // MPEG-1 layer III, no CRC
    d[at + 2] = static_cast<std::uint8_t>(bi << 4 | ri << 2 | (pad ? 2 : 0));
    d[at + 3] = 0x00;  // stereo
  }
}
}  // namespace

TEST_CASE("MP3 without a Xing header, constant bitrate: frames by arithmetic, confirmed through the file", "[probe][paths][audio]") {
  // 128 kbps at 44.1 kHz: 417.96 bytes a frame on average (417 and 418).
  bytes d;
  cbr_frames(d, 10000, 128, 44100);
  {
    const probe_result r = mem(d);
    INFO(summary(r));
    REQUIRE(r.ok());
    CHECK(r.audio()->length_source == mp3_length_source::cbr);
    CHECK(r.audio()->mp3_frames == 10000);
    CHECK(r.audio()->duration == Approx(10000 * 1152 / 44100.0));
    CHECK(summary(probe_windowed(d)) == summary(r));
    std::size_t calls = 0;
    probe_windowed(d, &calls);
    CHECK(calls <= 10);  // not a walk of the 4 MB
  }
  SECTION("between an ID3v2 tag, and APEv2 and ID3v1 tags at the end") {
    bytes t = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 20};
    t.resize(30, 0);
    t.insert(t.end(), d.begin(), d.end());
    bytes ape(32, 0);  // an APEv2 footer: "APETAGEX", version, size 32 (the footer alone), items 0, flags 0
    std::copy_n("APETAGEX", 8, ape.begin());
    ape[8] = 0xd0, ape[9] = 0x07, ape[12] = 32;
    t.insert(t.end(), ape.begin(), ape.end());
    bytes v1(128, 0);
    v1[0] = 'T', v1[1] = 'A', v1[2] = 'G';
    t.insert(t.end(), v1.begin(), v1.end());
    const probe_result r = mem(t);
    INFO(summary(r));
    REQUIRE(r.ok());
    CHECK(r.audio()->length_source == mp3_length_source::cbr);
    CHECK(r.audio()->mp3_frames == 10000);
  }
  SECTION("a last frame cut short or junk after the last frame: estimated, the whole frames counted") {
    bytes cut(d.begin(), d.end() - 100);
    const probe_result c = mem(cut);
    REQUIRE(c.ok());
    CHECK(c.audio()->length_source == mp3_length_source::estimate);
    CHECK(c.audio()->mp3_frames == 9999);
    bytes junk = d;
    junk.resize(junk.size() + 300, 0x55);  // less than a frame
    const probe_result j = mem(junk);
    REQUIRE(j.ok());
    CHECK(j.audio()->length_source == mp3_length_source::estimate);
    CHECK(j.audio()->mp3_frames == 10000);
  }
  SECTION("48 kHz: 384 bytes a frame exactly, no padding") {
    bytes e;
    cbr_frames(e, 5000, 128, 48000);
    REQUIRE(e.size() == 5000u * 384);
    const probe_result r = mem(e);
    REQUIRE(r.ok());
    CHECK(r.audio()->length_source == mp3_length_source::cbr);
    CHECK(r.audio()->mp3_frames == 5000);
  }
  SECTION("a VBR file that starts at one bitrate is refuted at the checkpoints and walked") {
    // 100 frames at 32 kbps (a silent start: 96 bytes at 48 kHz), then 3000 alternating 128 and 160
    // kbps (384 and 480 bytes): 3100 frames, fewer than the walk's bound, counted exactly.
    bytes v;
    cbr_frames(v, 100, 32, 48000);
    for (int i = 0; i < 1500; ++i) cbr_frames(v, 1, 128, 48000), cbr_frames(v, 1, 160, 48000);
    const probe_result r = mem(v);
    INFO(summary(r));
    REQUIRE(r.ok());
    CHECK(r.audio()->length_source == mp3_length_source::scan);
    CHECK(r.audio()->mp3_frames == 3100);
    CHECK(r.audio()->bitrate_kbps == 32);
  }
}

TEST_CASE("MP3 without a Xing header, variable bitrate: walked up to the bound, the rest estimated", "[probe][paths][audio]") {
  // 6000 frames alternating 128 and 160 kbps at 48 kHz (384 and 480 bytes). The bound (docs/probe.md)
  // is 4096 frames: 2048 pairs walked, 864 bytes a pair; the 952 pairs left are 952 x 864 bytes,
  // estimated at the walked average as 1904 frames: 6000.
  bytes v;
  for (int i = 0; i < 3000; ++i) cbr_frames(v, 1, 128, 48000), cbr_frames(v, 1, 160, 48000);
  const probe_result r = mem(v);
  INFO(summary(r));
  REQUIRE(r.ok());
  CHECK(r.audio()->length_source == mp3_length_source::estimate);
  CHECK(r.audio()->mp3_frames == 6000);
  CHECK(r.audio()->duration == Approx(6000 * 1152 / 48000.0));
  // 4095 frames (one fewer than the bound) are walked to the end: exact.
  bytes w(v.begin(), v.begin() + 2047 * 864 + 384);
  const probe_result e = mem(w);
  REQUIRE(e.ok());
  CHECK(e.audio()->length_source == mp3_length_source::scan);
  CHECK(e.audio()->mp3_frames == 4095);
}

TEST_CASE("MP3: a free-format stream is unsupported, with or without an ID3v2 tag", "[probe][paths][audio]") {
  // Bitrate index 0 (free format): no frame size in the header. MPEG-1 layer III, 44.1 kHz, stereo,
  // frames of 600 bytes.
  bytes f;
  for (int i = 0; i < 10; ++i) {
    const std::size_t at = f.size();
    f.resize(at + 600, 0);
    f[at] = 0xff, f[at + 1] = 0xfb, f[at + 2] = 0x00, f[at + 3] = 0x00;
  }
  bytes tagged = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 10};
  tagged.resize(20, 0);
  tagged.insert(tagged.end(), f.begin(), f.end());
  for (const bytes& d : {f, tagged}) {
    const probe_result r = mem(d);
    INFO(summary(r));
    CHECK(is_error(r, probe_errc::unsupported));
    CHECK(says(r, "free-format bitrate"));
    CHECK(summary(probe_windowed(d)) == summary(r));
    CHECK(summary(probe(std::span<const std::uint8_t>(d), probe_options{media_kind::audio})) == summary(r));
  }
  // One such header without a second one is not an MP3 at all.
  bytes one = f;
  one.resize(600);
  CHECK(is_error(mem(one), probe_errc::unrecognized_format));
}

TEST_CASE("the video track's mdhd: a timescale of 0, or none, is malformed", "[probe][paths][bmff]") {
  const probe_result zero = mem(movie({mvhd_box(1000, 2000), trak_box(tkhd_box(1), 0, 25600, "vide", video_stbl({{50, 512}}))}));
  CHECK(is_error(zero, probe_errc::malformed));
  CHECK(says(zero, "timescale of 0"));
  // No mdhd at all: mdia with hdlr and minf only.
  const bytes mdia = box_of("mdia", cat({hdlr_box("vide"), box_of("minf", box_of("stbl", video_stbl({{50, 512}})))}));
  const probe_result none = mem(movie({mvhd_box(1000, 2000), box_of("trak", cat({tkhd_box(1), mdia}))}));
  CHECK(is_error(none, probe_errc::malformed));
  CHECK(says(none, "no media header"));
}

TEST_CASE("fragments past the table bound: the duration comes from mehd, or the file is unsupported", "[probe][paths][bmff][fragmented]") {
  // One fragment with 2^20 + 10 per-sample durations of 512 ticks at 12800 Hz for the video track:
  // the bound (2^20 entries a track) stops the sum before its end.
  const std::uint32_t n = (1u << 20) + 10;
  const bytes big = moof_box(1, 1, n, std::vector<std::uint32_t>(n, 512));
  const probe_result r = mem(fragmented(trex_box(1, 512), {big}));
  INFO(summary(r));
  CHECK(is_error(r, probe_errc::unsupported));
  CHECK(says(r, "work bound"));
  // With mehd (the movie's length in the movie timescale, 1000): that length, the rate estimated.
  const std::uint32_t seconds = n * 512u / 12800u;  // 41943 s (n x 512 / 12800 = 41943.44)
  const probe_result m = mem(fragmented(cat({full_box("mehd", 0, words({seconds * 1000})), trex_box(1, 512)}), {big}));
  INFO(summary(m));
  REQUIRE(m.ok());
  CHECK(m.video()->duration == Approx(seconds));
  CHECK(m.video()->fps == Approx(25.0));
  CHECK(m.video()->fps_estimated);
}

TEST_CASE("the table bound is per track: a long audio table does not cut the video's", "[probe][paths][bmff][fragmented]") {
  {
    // An audio track (id 2, 1 MHz) with 2^20 - 5 per-sample durations of 1 tick (1.05 s), and the
    // video's 50 samples of 512 ticks (2 s): both are summed whole.
    const bytes vtrak = trak_box(tkhd_box(1), 12800, 0, "vide", cat({stsd_box({visual_entry(320, 240)}), stts_box({})}));
    const bytes atrak = trak_box(tkhd_box(2), 1000000, 0, "soun", cat({stsd_box({short_entry(16, "mp4a")}), stts_box({})}));
    const std::uint32_t an = (1u << 20) - 5;
    bytes d = bmff(box_of("moov", cat({mvhd_box(1000, 0), vtrak, atrak, box_of("mvex", cat({trex_box(1, 512), trex_box(2, 1)}))})), "iso5");
    const bytes a = moof_box(1, 2, an, std::vector<std::uint32_t>(an, 1));
    const bytes v = moof_box(2, 1, 50, std::vector<std::uint32_t>(50, 512));
    d.insert(d.end(), a.begin(), a.end());
    d.insert(d.end(), v.begin(), v.end());
    const probe_result both = mem(d);
    INFO(summary(both));
    REQUIRE(both.ok());
    CHECK(both.video()->frames == 50);
    CHECK(both.video()->duration == Approx(2.0));
    CHECK(both.video()->fps == Approx(25.0));
    CHECK_FALSE(both.video()->fps_estimated);
    CHECK(both.video()->has_audio);
  }
}

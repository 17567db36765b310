// Truncated media (docs/spec.md section 9, "Truncated media"; docs/probe.md, "Truncation"): a file whose
// declared structure runs past its end is `truncated`, never a success. Every corpus file is cut with
// its header intact and its body cut, and inside its trailer; the expected verdict comes from the
// file's own structure, read here independently of the probe (the top-level boxes of an MP4, the WAV
// data chunk, the RIFF size of a WebP, the IEND/EOI at the end of the PNG/JPEG, the byte count of an
// MP3's Xing header). Bytes after IEND or EOI, and the sizes of streaming WAV writers, stay successes.
#include <catch2/catch.hpp>

#include <seedance/probe.hpp>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "probe_test_util.hpp"

using namespace seedance;
using namespace probe_test;
using nlohmann::json;

namespace {

probe_result mem(const bytes& d) { return probe(std::span<const std::uint8_t>(d)); }
bool is_error(const probe_result& r, probe_errc c) { return r.error() && r.error()->code == c; }
bytes head(const bytes& d, std::size_t n) { return bytes(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(n)); }
std::uint32_t rd_le32(const bytes& d, std::size_t o) { return d[o] | d[o + 1] << 8 | d[o + 2] << 16 | std::uint32_t{d[o + 3]} << 24; }
std::uint32_t rd_be32(const bytes& d, std::size_t o) { return std::uint32_t{d[o]} << 24 | d[o + 1] << 16 | d[o + 2] << 8 | d[o + 3]; }
std::size_t find(const bytes& d, const std::string& what, std::size_t from = 0) {
  const auto it = std::search(d.begin() + static_cast<std::ptrdiff_t>(from), d.end(), what.begin(), what.end());
  return it == d.end() ? std::string::npos : static_cast<std::size_t>(it - d.begin());
}

/// The WAV data chunk: (offset of its header, declared size), by walking the chunks.
std::pair<std::size_t, std::uint64_t> wav_data(const bytes& d) {
  for (std::size_t off = 12; off + 8 <= d.size();) {
    const std::uint32_t len = rd_le32(d, off + 4);
    if (std::string(d.begin() + static_cast<std::ptrdiff_t>(off), d.begin() + static_cast<std::ptrdiff_t>(off + 4)) == "data") {
      std::uint64_t size = len;
      if (len == 0xffffffffu) {  // RF64: ds64's data size, at 8 + 8 bytes into the ds64 payload
        const std::size_t ds = find(d, "ds64");
        size = rd_le32(d, ds + 16) | std::uint64_t{rd_le32(d, ds + 20)} << 32;
      }
      return {off, size};
    }
    off += 8 + len + (len & 1);
  }
  return {std::string::npos, 0};
}

/// The byte count an MP3's Xing/Info header (flag 2) or VBRI header declares, or 0.
std::uint64_t mp3_declared_bytes(const bytes& d) {
  for (const char* tag : {"Xing", "Info"}) {
    const std::size_t at = find(d, tag);
    if (at == std::string::npos || at > 4096) continue;
    const std::uint32_t flags = rd_be32(d, at + 4);
    if (!(flags & 2)) return 0;
    return rd_be32(d, at + 8 + ((flags & 1) ? 4 : 0));
  }
  const std::size_t v = find(d, "VBRI");
  return v != std::string::npos && v < 4096 ? rd_be32(d, v + 10) : 0;
}

/// Whether the first n bytes of `d` are a truncated copy, from the format's own structure.
bool expect_truncated(const fs::path& p, const bytes& d, std::size_t n) {
  const std::string ext = p.extension().string();
  if (ext == ".png") return n < find(d, "IEND") + 8;  // the corpus PNGs end with IEND's CRC
  if (ext == ".jpg") return n < d.size();             // and the JPEGs with EOI
  if (ext == ".webp") return n < 8 + std::uint64_t{rd_le32(d, 4)};
  if (ext == ".mp4" || ext == ".mov") {
    for (const box& b : top_level_boxes(d))
      if (b.offset == n) return false;  // a cut at a box boundary: the boxes before it are whole
    return true;
  }
  if (ext == ".wav") {
    const auto [at, size] = wav_data(d);
    return n < at + 8 + size;
  }
  if (ext == ".mp3") return mp3_declared_bytes(d) > n;
  FAIL("unexpected file " << p);
  return false;
}

}  // namespace

TEST_CASE("every corpus file cut, header intact: truncated, or for MP3 without a byte count a shorter success", "[probe][truncation]") {
  std::size_t truncated = 0, cuts = 0;
  std::set<std::string> formats_cut;
  for (const fs::path& p : all_corpus_files()) {
    const bytes d = read_bytes(p);
    const probe_result whole = mem(d);
    INFO(p.filename().string());
    REQUIRE(whole.ok());
    // Header intact, body cut: past the first 40% (every corpus header, moov-last MP4s aside, is
    // smaller), at 40%, 50%, 75% and 90%; and inside the trailer: the last 1, 2 and 7 bytes gone.
    std::vector<std::size_t> at;
    for (const std::size_t pct : {40, 50, 75, 90}) at.push_back(d.size() * pct / 100);
    for (const std::size_t k : {1, 2, 7}) at.push_back(d.size() - k);
    for (const std::size_t n : at) {
      const bytes cut = head(d, n);
      const probe_result r = mem(cut);
      INFO("cut at " << n << " of " << d.size() << ": " << summary(r));
      const bool want = expect_truncated(p, d, n);
      ++cuts;
      if (want) {
        ++truncated;
        formats_cut.insert(p.extension().string());
        // A moov-last MP4 cut before its moov has no movie at all: malformed ("no movie box") or
        // truncated; every other cut says what runs past the end.
        const bool moov_lost =
            r.error() && r.error()->code == probe_errc::malformed && r.error()->message.find("no movie box") != std::string::npos;
        if (!moov_lost) {
          CHECK(is_error(r, probe_errc::truncated));
          if (r.error()) CHECK(r.error()->message.find("past the end") != std::string::npos);
        }
      } else {
        CHECK(r.ok());
        if (const audio_probe* a = r.audio(); a && n < d.size() * 95 / 100) CHECK(a->duration < whole.audio()->duration);
      }
      CHECK(summary(probe_windowed(cut)) == summary(r));
    }
  }
  CHECK(cuts > 600);
  CHECK(truncated > cuts * 9 / 10);
  CHECK(formats_cut == std::set<std::string>{".png", ".jpg", ".webp", ".mp4", ".mov", ".wav", ".mp3"});
}

TEST_CASE("the cut MP4 of the issue: 200 KB of a 4 MB faststart file is truncated, read cheaply", "[probe][truncation][bmff]") {
  // fps_24_faststart.mp4 (moov first) with its mdat grown to 4 MB (padding at its end: the sample
  // offsets stay right). Whole: a 2-second video. Its first 200 KB: truncated, naming the mdat.
  const bytes src = read_bytes(corpus_dir() / "video/fps_24_faststart.mp4");
  bytes big;
  std::uint64_t moov = 0;
  for (const box& b : top_level_boxes(src)) {
    const std::size_t at = big.size();
    big.insert(big.end(), src.begin() + static_cast<std::ptrdiff_t>(b.offset),
               src.begin() + static_cast<std::ptrdiff_t>(b.offset + b.size));
    if (b.type == "mdat") {
      const std::size_t grow = 4 * 1024 * 1024 - src.size();
      put32(big, at, static_cast<std::uint32_t>(b.size + grow));
      big.resize(big.size() + grow);
    }
    if (b.type == "moov") moov = b.size;
  }
  REQUIRE(big.size() == 4 * 1024 * 1024);
  std::size_t calls = 0;
  const probe_result whole = probe_windowed(big, &calls);
  INFO(summary(whole));
  REQUIRE(whole.ok());
  CHECK(whole.video()->duration == Approx(2.0).margin(0.05));
  CHECK(whole.bytes_read <= moov + 2 * 16384);  // the headers, and the mdat's header after moov
  const bytes cut = head(big, 200 * 1024);
  const probe_result r = probe_windowed(cut, &calls);
  INFO(summary(r));
  REQUIRE(is_error(r, probe_errc::truncated));
  CHECK(r.error()->message.find("'mdat'") != std::string::npos);
  CHECK(r.error()->message.find("past the end") != std::string::npos);
  CHECK(r.bytes_read <= moov + 2 * 16384);
  CHECK(summary(mem(cut)) == summary(r));
  // The mdat's size set to 0 ("to the end of the file"): the cut copy is a whole file again.
  bytes zero = cut;
  for (const box& b : top_level_boxes(src))
    if (b.type == "mdat") put32(zero, static_cast<std::size_t>(b.offset), 0);
  CHECK(mem(zero).ok());
  // 1 to 7 bytes of a box header after the last box: a cut inside the next header.
  bytes tail = src;
  tail.insert(tail.end(), {0, 0, 0, 9});
  CHECK(is_error(mem(tail), probe_errc::truncated));
}

TEST_CASE("WAV: half the file is truncated; streaming sizes (0, 0xFFFFFFFF) run to the end", "[probe][truncation][wav]") {
  const fs::path p = corpus_dir() / "audio/wav_s16_44100_stereo.wav";
  const bytes d = read_bytes(p);
  const double ffprobe_duration = std::stod(ffprobe_json(p).at("format").at("duration").get<std::string>());
  const probe_result half = mem(head(d, d.size() / 2));
  INFO(summary(half));
  REQUIRE(is_error(half, probe_errc::truncated));
  CHECK(half.error()->message.find("data chunk") != std::string::npos);
  const auto [at, size] = wav_data(d);
  REQUIRE(at + 8 + size == d.size());
  for (const std::uint32_t streaming : {0u, 0xffffffffu}) {
    INFO("data size " << streaming);
    bytes s = d;
    for (int i = 0; i < 4; ++i) s[at + 4 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(streaming >> (8 * i));
    const probe_result r = mem(s);
    INFO(summary(r));
    REQUIRE(r.ok());
    CHECK(r.audio()->duration == Approx(ffprobe_duration).margin(0.001));
    // and cut: what the file holds (nothing was declared, so nothing is missing)
    const probe_result c = mem(head(s, s.size() / 2));
    REQUIRE(c.ok());
    CHECK(c.audio()->duration == Approx((s.size() / 2 - at - 8) / 4 / 44100.0).margin(1e-6));
  }
  // RF64: the size is ds64's; a ds64 size past the end is truncated, a placeholder of all ones is not.
  const bytes rf = read_bytes(corpus_dir() / "audio/wav_rf64.wav");
  const std::size_t ds = find(rf, "ds64");
  REQUIRE(ds != std::string::npos);
  REQUIRE(wav_data(rf).first != std::string::npos);
  CHECK(mem(rf).ok());
  CHECK(is_error(mem(head(rf, rf.size() - 2)), probe_errc::truncated));
  bytes ones = rf;
  std::fill_n(ones.begin() + static_cast<std::ptrdiff_t>(ds + 16), 8, std::uint8_t{0xff});
  const probe_result ro = mem(head(ones, ones.size() - 2));
  INFO(summary(ro));
  CHECK(ro.ok());
}

TEST_CASE("bytes after IEND or EOI, or after a WebP's RIFF, still succeed", "[probe][truncation][image]") {
  std::mt19937 rng(20261204);
  bytes noise(1000);
  for (auto& b : noise) b = static_cast<std::uint8_t>(rng());
  REQUIRE(std::count(noise.begin(), noise.end(), std::uint8_t{0xff}) > 0);  // with FF xx pairs, as real trailers have
  const bytes video = read_bytes(corpus_dir() / "video/fps_24.mp4");   // a motion photo: a video after EOI
  for (const char* name : {"image/png_rgb_640x480.png", "image/jpeg_baseline_640x480.jpg", "image/jpeg_422_1281x719_progressive.jpg",
                           "image/jpeg_7000x300.jpg", "image/webp_lossy_640x480.webp", "image/webp_lossless_333x517.webp"}) {
    INFO(name);
    const bytes d = read_bytes(corpus_dir() / name);
    const std::string expected = summary(mem(d)).substr(summary(mem(d)).find(' '));
    for (const bytes& extra : {noise, bytes(3000, 0), bytes(4000, 0x20), video}) {
      const std::string ext = fs::path(name).extension().string();
      if (extra.size() > 4096 && ext == ".png") continue;  // more than the tail window after IEND: see below
      bytes t = d;
      t.insert(t.end(), extra.begin(), extra.end());
      const probe_result r = mem(t);
      INFO(extra.size() << " bytes appended: " << summary(r));
      REQUIRE(r.ok());
      CHECK(summary(r).substr(summary(r).find(' ')) == expected);
    }
  }
  // The documented limits of the tail window (docs/probe.md): more than 4 KiB after IEND, or more
  // than 4 KiB after EOI that scan data could hold (zero padding), read as a cut.
  bytes png = read_bytes(corpus_dir() / "image/png_rgb_640x480.png");
  png.resize(png.size() + 5000, 0);
  CHECK(is_error(mem(png), probe_errc::truncated));
  bytes jpg = read_bytes(corpus_dir() / "image/jpeg_baseline_640x480.jpg");
  jpg.resize(jpg.size() + 5000, 0);
  CHECK(is_error(mem(jpg), probe_errc::truncated));
}

TEST_CASE("JPEG: a cut inside the segments after the frame header, or right after the scan header", "[probe][truncation][image]") {
  const bytes d = read_bytes(corpus_dir() / "image/jpeg_baseline_640x480.jpg");
  // The test's own marker walk: the SOF0 and the first SOS.
  std::size_t sof = 0, sos = 0;
  for (std::size_t off = 2; off + 4 <= d.size() && !sos;) {
    const std::uint8_t m = d[off + 1];
    if (m == 0xc0) sof = off;
    if (m == 0xda) sos = off;
    off += 2 + (d[off + 2] << 8 | d[off + 3]);
  }
  REQUIRE(sof != 0);
  REQUIRE(sos > sof);
  const std::size_t scan = sos + 2 + (d[sos + 2] << 8 | d[sos + 3]);
  for (std::size_t n = sof + 2 + 17; n <= scan; ++n) {  // from the end of SOF0 (17 bytes) to the scan's start
    const probe_result r = mem(head(d, n));
    INFO("cut at " << n << ": " << summary(r));
    CHECK(is_error(r, probe_errc::truncated));
  }
  const probe_result r = mem(head(d, scan + 100));
  REQUIRE(is_error(r, probe_errc::truncated));
  CHECK(r.error()->message.find("FF D9") != std::string::npos);
}

TEST_CASE("truncation costs one read near the end: bytes read from a path stay small", "[probe][truncation][io]") {
  for (const fs::path& p : corpus_files("image")) {
    const probe_result r = probe_file(p);
    INFO(p.filename().string());
    REQUIRE(r.ok());
    CHECK(r.bytes_read <= 16384 + 4096);  // the first window, then the last 4 KiB
  }
}

TEST_CASE("MP3: a Xing or VBRI byte count past the end is truncated", "[probe][truncation][audio]") {
  const bytes d = read_bytes(corpus_dir() / "audio/mp3_vbr_xing.mp3");
  const std::uint64_t declared = mp3_declared_bytes(d);
  REQUIRE(declared > 0);
  REQUIRE(declared <= d.size());
  const probe_result r = mem(head(d, d.size() / 2));
  INFO(summary(r));
  REQUIRE(is_error(r, probe_errc::truncated));
  CHECK(r.error()->message.find("Xing") != std::string::npos);
  CHECK(r.error()->message.find(std::to_string(declared)) != std::string::npos);
  // Without a byte count (a stream of frames), a cut file is what it holds: shorter, not an error.
  const bytes n = read_bytes(corpus_dir() / "audio/mp3_cbr128_noxing.mp3");
  const probe_result c = mem(head(n, n.size() / 2));
  REQUIRE(c.ok());
  CHECK(c.audio()->duration == Approx(mem(n).audio()->duration / 2).margin(0.05));
}

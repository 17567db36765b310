// Untrusted bytes: every corpus file cut at many offsets and with bits flipped must give an error or
// plausible values (never a crash: this runs under ASan + UBSan too), and crafted buffers that claim
// absurd sizes (2^64-byte boxes, self-referencing sizes, 10 million stts entries, deep nesting) must
// be refused, or read with bounded work.
#include <catch2/catch.hpp>

#include <seedance/probe.hpp>

#include <random>
#include <string>
#include <vector>

#include "probe_test_util.hpp"

using namespace seedance;
using namespace probe_test;

namespace {

probe_result mem(const std::vector<std::uint8_t>& d) { return probe(std::span<const std::uint8_t>(d)); }

bool is_error(const probe_result& r, probe_errc c) { return r.error() && r.error()->code == c; }

/// A minimal valid movie: one video track, 320x240, `entries` stts entries of (1 sample, 512).
std::vector<std::uint8_t> movie(std::uint32_t stts_entries, std::uint32_t stts_claimed) {
  std::vector<std::uint8_t> tkhd(80, 0);
  put32(tkhd, 8, 1);                      // track_ID (after ctime, mtime)
  put32(tkhd, 36, 0x10000);               // matrix a
  put32(tkhd, 52, 0x10000);               // matrix d
  put32(tkhd, 68, 0x40000000);            // matrix w
  std::vector<std::uint8_t> entry(78, 0);  // VisualSampleEntry 'avc1' without children
  put32(entry, 0, 78);
  entry[4] = 'a', entry[5] = 'v', entry[6] = 'c', entry[7] = '1';
  entry[32] = 320 >> 8, entry[33] = 320 & 0xff, entry[34] = 0, entry[35] = 240;
  std::vector<std::uint8_t> stts = words({stts_claimed});
  for (std::uint32_t i = 0; i < stts_entries; ++i) append32(stts, 1), append32(stts, 512);
  const auto stbl = box_of("stbl", cat({full_box("stsd", 0, cat({words({1}), entry})), full_box("stts", 0, stts),
                                        full_box("stsz", 0, words({0, stts_entries}))}));
  const auto mdia = box_of("mdia", cat({full_box("mdhd", 0, words({0, 0, 12800, stts_entries * 512u, 0})),
                                        full_box("hdlr", 0, words({0, 0x76696465 /* vide */, 0, 0, 0})), box_of("minf", stbl)}));
  const auto trak = box_of("trak", cat({full_box("tkhd", 3, tkhd), mdia}));
  const auto moov =
      box_of("moov", cat({full_box("mvhd", 0, cat({words({0, 0, 1000, stts_entries * 40u}), std::vector<std::uint8_t>(80, 0)})), trak}));
  return bmff(moov);
}

}  // namespace

TEST_CASE("the crafted minimal movie is read (the base of the hostile cases)", "[probe][hostile]") {
  const probe_result r = mem(movie(50, 50));
  INFO(summary(r));
  REQUIRE(r.ok());
  CHECK(r.video()->width == 320);
  CHECK(r.video()->height == 240);
  CHECK(r.video()->frames == 50);
  CHECK(r.video()->fps == Approx(25));
  CHECK(r.video()->duration == Approx(2));
  CHECK_FALSE(r.video()->fps_estimated);
}

TEST_CASE("every corpus file cut at many offsets: an error or plausible values", "[probe][hostile][truncation]") {
  std::size_t cuts = 0, errors = 0;
  for (const fs::path& p : all_corpus_files()) {
    INFO(p.filename().string());
    const auto bytes = read_bytes(p);
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i < std::min<std::size_t>(bytes.size(), 600); ++i) at.push_back(i);  // every header byte
    for (std::size_t k = 1; k < 64; ++k) at.push_back(bytes.size() * k / 64);
    if (p.extension() == ".mp4" || p.extension() == ".mov")  // around every top-level box boundary
      for (const box& b : top_level_boxes(bytes))
        for (std::size_t d : {0, 1, 7, 8, 9, 15, 16, 100, 1000})
          if (b.offset + d < bytes.size()) at.push_back(static_cast<std::size_t>(b.offset + d));
    for (std::size_t n : at) {
      const std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
      const probe_result r = mem(cut);
      INFO("cut at " << n << ": " << summary(r));
      CHECK(plausible(r));
      CHECK(r.bytes == n);
      errors += r.ok() ? 0 : 1;
      if (n % 7 == 0) CHECK(summary(probe_windowed(cut)) == summary(r));
      ++cuts;
    }
  }
  CHECK(cuts > 40000);
  CHECK(errors > cuts / 2);  // cut headers are noticed, not read as something else
}

TEST_CASE("every corpus file with bits flipped: an error or plausible values", "[probe][hostile][bitflip]") {
  std::mt19937_64 rng(20260802);
  std::size_t runs = 0;
  for (const fs::path& p : all_corpus_files()) {
    INFO(p.filename().string());
    const auto bytes = read_bytes(p);
    const std::size_t head = std::min<std::size_t>(bytes.size(), 4096);
    for (int i = 0; i < 300; ++i) {
      std::vector<std::uint8_t> d = bytes;
      const int flips = 1 + i % 4;
      for (int f = 0; f < flips; ++f) {
        // mostly in the headers; a quarter anywhere (moov at the end, frame headers)
        const std::size_t at = i % 4 == 3 ? rng() % d.size() : rng() % head;
        d[at] = static_cast<std::uint8_t>(d[at] ^ (1u << (rng() % 8)));
      }
      const probe_result r = mem(d);
      INFO("flip run " << i << ": " << summary(r));
      CHECK(plausible(r));
      if (i % 10 == 0) CHECK(summary(probe_windowed(d)) == summary(r));
      ++runs;
    }
  }
  CHECK(runs >= 60 * 300);
}

TEST_CASE("hostile ISO BMFF: absurd sizes are refused without reading or allocating them", "[probe][hostile][bmff]") {
  SECTION("a 2^64 - 1 byte box at the top level") {
    std::vector<std::uint8_t> d = bmff(cat({words({1}), {'m', 'd', 'a', 't'}, words({0xffffffffu, 0xffffffffu})}));
    CHECK(is_error(mem(d), probe_errc::truncated));
    CHECK(is_error(probe_windowed(d), probe_errc::truncated));
  }
  SECTION("a 2^64 - 1 byte box inside moov") {
    const auto d = bmff(box_of("moov", cat({words({1}), {'t', 'r', 'a', 'k'}, words({0xffffffffu, 0xffffffffu}), words({0, 0})})));
    CHECK(is_error(mem(d), probe_errc::malformed));
  }
  SECTION("a child that claims its parent's whole size (a self-referencing size)") {
    std::vector<std::uint8_t> d = bmff(box_of("moov", box_of("trak", {})));
    put32(d, 16 + 8, 16);  // trak's size = moov's size: it would run 8 bytes past its parent
    CHECK(is_error(mem(d), probe_errc::malformed));
  }
  SECTION("sizes below the header size") {
    for (std::uint32_t s : {2u, 4u, 7u}) {
      std::vector<std::uint8_t> d = bmff(box_of("moov", {}));
      put32(d, 16, s);
      CHECK(is_error(mem(d), probe_errc::malformed));
    }
    std::vector<std::uint8_t> d = bmff(cat({words({1}), {'m', 'o', 'o', 'v'}, words({0, 12})}));  // 64-bit size < 16
    CHECK(is_error(mem(d), probe_errc::malformed));
  }
  SECTION("10 million stts entries claimed in a small box") {
    const auto d = movie(3, 10'000'000);
    const probe_result r = mem(d);
    CHECK(is_error(r, probe_errc::malformed));
    CHECK(r.error()->message.find("stts") != std::string::npos);
  }
  SECTION("trun and elst claiming more entries than their box holds") {
    const auto base = movie(2, 2);
    const auto elst = box_of("edts", full_box("elst", 0, words({0xfffffff0u, 0, 0, 0x10000})));
    // Insert the edts into the trak (after tkhd): rebuild with a patched copy.
    std::vector<std::uint8_t> d = base;
    const auto boxes = top_level_boxes(d);
    REQUIRE(boxes.size() == 2);
    // moov payload: mvhd then trak; append a second trak holding only the bad edts.
    const auto trak = box_of("trak", elst);
    d.insert(d.end(), trak.begin(), trak.end());
    put32(d, static_cast<std::size_t>(boxes[1].offset), static_cast<std::uint32_t>(boxes[1].size + trak.size()));
    const probe_result r = mem(d);
    CHECK(is_error(r, probe_errc::malformed));
    CHECK(r.error()->message.find("elst") != std::string::npos);
    // trun: a fragmented movie (one 320x240 video track, 25 fps at 12800) whose fragment claims
    // more per-sample entries than its box holds, or whose header fields run past its box.
    const auto frag = [](const bytes& moof) {
      const auto vtrak = trak_box(tkhd_box(1), 12800, 0, "vide", cat({stsd_box({visual_entry(320, 240)}), stts_box({})}));
      return bmff(cat({box_of("moov", cat({mvhd_box(1000, 0), vtrak, box_of("mvex", trex_box(1, 512))})), moof}), "iso5");
    };
    const probe_result good = mem(frag(moof_box(1, 1, 3, {512, 512, 512})));
    INFO(summary(good));
    REQUIRE(good.ok());
    CHECK(good.video()->frames == 3);
    for (const std::uint32_t claimed : {4u, 1000u, 0xffffffffu}) {
      bytes d2 = frag(moof_box(1, 1, 3, {512, 512, 512}));
      const std::size_t at = d2.size() - 3 * 4 - 4;  // the trun's sample count, before its 3 entries
      REQUIRE(d2[at + 3] == 3);
      put32(d2, at, claimed);
      const probe_result bad = mem(d2);
      INFO(claimed << ": " << summary(bad));
      CHECK(is_error(bad, probe_errc::malformed));
      CHECK(bad.error()->message.find("trun") != std::string::npos);
    }
    // flags 0x000005 (data offset, first sample flags: 8 bytes of header fields) in a trun of 4 bytes
    const bytes short_trun =
        box_of("moof", box_of("traf", cat({full_box("tfhd", 0x020000, words({1})), full_box("trun", 0x5, words({1}))})));
    const probe_result cut = mem(frag(short_trun));
    CHECK(is_error(cut, probe_errc::malformed));
    CHECK(cut.error()->message.find("trun") != std::string::npos);
  }
  SECTION("a real table longer than the work bound: read up to it, fps estimated") {
    const std::uint32_t n = (1u << 20) + 1000;
    const auto d = movie(n, n);  // 8 MB of stts
    const probe_result r = mem(d);
    REQUIRE(r.ok());
    CHECK(r.video()->fps_estimated);
    CHECK(r.video()->fps == Approx(25));  // from stsz's count and mdhd's duration
  }
  SECTION("deep nesting: the probe follows the box grammar only, never a box inside an unexpected one") {
    // The bound on nesting is structural: moov > trak > mdia > minf > stbl (5 levels) is the deepest
    // path entered. A valid video track placed one level deeper than the grammar says is not found,
    // and 20,000 levels of the very box types the probe enters cost one window of reads.
    const auto stbl = cat({stsd_box({visual_entry(320, 240)}), stts_box({{50, 512}})});
    const auto track = trak_box(tkhd_box(1), 12800, 50 * 512, "vide", stbl);
    const probe_result direct = mem(bmff(box_of("moov", cat({mvhd_box(1000, 2000), track}))));
    REQUIRE(direct.ok());
    CHECK(direct.video()->frames == 50);
    // trak inside trak, moov inside moov, stbl inside stbl, mdia inside mdia: not entered.
    CHECK(is_error(mem(bmff(box_of("moov", cat({mvhd_box(1000, 2000), box_of("trak", track)})))), probe_errc::unsupported));
    CHECK(is_error(mem(bmff(box_of("moov", box_of("moov", cat({mvhd_box(1000, 2000), track}))))), probe_errc::unsupported));
    const auto nested_stbl =
        box_of("trak", cat({tkhd_box(1), box_of("mdia", cat({mdhd_box(12800, 50 * 512), hdlr_box("vide"),
                                                             box_of("minf", box_of("stbl", box_of("stbl", stbl)))}))}));
    const probe_result r1 = mem(bmff(box_of("moov", cat({mvhd_box(1000, 2000), nested_stbl}))));
    CHECK(is_error(r1, probe_errc::malformed));  // no stsd, no samples: the inner stbl was skipped
    // 20,000 levels below moov > trak > mdia > minf > stbl, each an 'stbl' (and, below moov, 20,000 'trak's).
    for (const char* type : {"stbl", "trak", "moov", "minf"}) {
      bytes inner;  // 20,000 empty-ended boxes, each the only child of the one before
      for (std::uint32_t i = 0; i < 20000; ++i) append32(inner, 8 * (20000 - i)), append_tag(inner, type);
      const bool in_stbl = std::string(type) == "stbl" || std::string(type) == "minf";
      const auto trak =
          box_of("trak", cat({tkhd_box(1), box_of("mdia", cat({mdhd_box(12800, 512), hdlr_box("vide"),
                                                               box_of("minf", box_of("stbl", in_stbl ? inner : bytes{}))}))}));
      const auto d = bmff(box_of("moov", cat({mvhd_box(1000, 2000), in_stbl ? trak : inner})));
      REQUIRE(d.size() > 20000 * 8);
      std::size_t calls = 0;
      const probe_result r = probe_windowed(d, &calls);
      INFO(type << ": " << summary(r));
      CHECK(plausible(r));
      CHECK_FALSE(r.ok());
      CHECK(r.bytes_read <= 16384);  // the headers of the first few levels: 160 KB of nesting never read
      CHECK(calls == 1);
      CHECK(summary(mem(d)) == summary(r));
    }
  }
  SECTION("a million empty boxes: the box budget ends the walk") {
    std::vector<std::uint8_t> many;
    for (int i = 0; i < 200'000; ++i) append32(many, 8), append_tag(many, "free");
    const auto d = bmff(cat({many, box_of("moov", {})}));
    CHECK(is_error(mem(d), probe_errc::unsupported));
  }
  SECTION("no moov, or moov without a video track") {
    CHECK(is_error(mem(bmff(box_of("mdat", {1, 2, 3}))), probe_errc::malformed));
    CHECK(is_error(mem(bmff(box_of("moov", {}))), probe_errc::unsupported));
  }
  SECTION("a HEIF image is not a video") {
    std::vector<std::uint8_t> d = bmff({});
    d[8] = 'h', d[9] = 'e', d[10] = 'i', d[11] = 'c';
    CHECK(is_error(mem(d), probe_errc::unsupported));
  }
}

TEST_CASE("hostile images", "[probe][hostile][image]") {
  SECTION("JPEG: endless fill bytes, short segments, zero width, scan before frame") {
    std::vector<std::uint8_t> fill = {0xff, 0xd8};
    fill.insert(fill.end(), 1000, 0xff);
    CHECK(is_error(mem(fill), probe_errc::truncated));  // fill bytes up to the end: no marker follows
    CHECK(is_error(mem({0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01}), probe_errc::malformed));
    CHECK(is_error(mem({0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0b, 8, 0, 16, 0, 0, 1, 1, 0x11, 0}), probe_errc::malformed));
    CHECK(is_error(mem({0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0b, 8, 0, 0, 0, 16, 1, 1, 0x11, 0}), probe_errc::unsupported));  // DNL
    CHECK(is_error(mem({0xff, 0xd8, 0xff, 0xda, 0x00, 0x02}), probe_errc::malformed));
    // A frame header, then a scan header (SOS, 1 component), 3 bytes of scan data and EOI (T.81 B.2).
    // The frame header alone is a file cut before its scan: truncated since the December 2026 update.
    CHECK(is_error(mem({0xff, 0xd8, 0xff, 0xc2, 0x00, 0x0b, 8, 0, 16, 0, 32, 1, 1, 0x11, 0}), probe_errc::truncated));
    const probe_result ok = mem({0xff, 0xd8, 0xff, 0xc2, 0x00, 0x0b, 8, 0, 16, 0, 32,   1,    1,    0x11, 0,
                                 0xff, 0xda, 0x00, 0x08, 1,    1,    0, 0, 63, 0, 0x12, 0x34, 0x56, 0xff, 0xd9});
    REQUIRE(ok.ok());
    CHECK(ok.image()->width == 32);
    CHECK(ok.image()->height == 16);
    CHECK(ok.image()->progressive);
  }
  SECTION("JPEG: 100,000 empty APP segments hit the segment budget") {
    std::vector<std::uint8_t> d = {0xff, 0xd8};
    for (int i = 0; i < 100'001; ++i) d.insert(d.end(), {0xff, 0xe2, 0x00, 0x02});
    CHECK(is_error(mem(d), probe_errc::unsupported));
  }
  SECTION("EXIF: IFD offsets pointing outside, entry counts too large, orientation out of range") {
    const auto jpeg_with_exif = [](std::vector<std::uint8_t> tiff) {
      std::vector<std::uint8_t> d = {0xff, 0xd8, 0xff, 0xe1};
      const std::size_t len = 2 + 6 + tiff.size();
      d.push_back(static_cast<std::uint8_t>(len >> 8));
      d.push_back(static_cast<std::uint8_t>(len));
      d.insert(d.end(), {'E', 'x', 'i', 'f', 0, 0});
      d.insert(d.end(), tiff.begin(), tiff.end());
      d.insert(d.end(), {0xff, 0xc0, 0x00, 0x0b, 8, 0, 16, 0, 32, 1, 1, 0x11, 0});
      d.insert(d.end(), {0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 63, 0, 0x12, 0x34, 0xff, 0xd9});  // SOS, scan data, EOI
      return d;
    };
    const std::vector<std::uint8_t> good = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0};
    const probe_result r = mem(jpeg_with_exif(good));
    REQUIRE(r.ok());
    CHECK(r.image()->orientation == 6);
    CHECK(r.image()->display_width() == 16);
    auto far = good;
    far[7] = 0xf0;  // IFD0 beyond the segment
    CHECK(mem(jpeg_with_exif(far)).image()->orientation == 1);
    auto many = good;
    many[8] = 0xff, many[9] = 0xff;  // 65535 entries in a 26-byte block
    CHECK(mem(jpeg_with_exif(many)).image()->orientation == 6);  // the first entry is read; no overrun
    auto bad = good;
    bad[19] = 9;
    CHECK(mem(jpeg_with_exif(bad)).image()->orientation == 1);
    CHECK_FALSE(mem(jpeg_with_exif(bad)).image()->has_exif_orientation);
    auto little = std::vector<std::uint8_t>{'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0};
    CHECK(mem(jpeg_with_exif(little)).image()->orientation == 8);
  }
  SECTION("PNG and WebP with zero or cut sizes") {
    std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0,
                                     0,    0,   0,   0,   0,    0,    1,    8,    2, 0, 0, 0,  0,   0,   0,   0};
    CHECK(is_error(mem(png), probe_errc::malformed));
    png.resize(20);
    CHECK(is_error(mem(png), probe_errc::truncated));
    // RIFF size 22: the 30-byte file. (It said 30 before the December 2026 update, 8 bytes past the
    // end of the file: that is truncated now.)
    std::vector<std::uint8_t> webp = {'R', 'I', 'F', 'F', 22, 0, 0, 0, 'W', 'E',  'B',  'P',  'V',  'P',  '8',
                                      'X', 10,  0,   0,   0,  0, 0, 0, 0,   0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    const probe_result r = mem(webp);
    REQUIRE(r.ok());
    CHECK(r.image()->width == (1u << 24));
    webp[4] = 30;
    CHECK(is_error(mem(webp), probe_errc::truncated));
    webp[4] = 22;
    webp[12] = 'A';
    CHECK(is_error(mem(webp), probe_errc::unsupported));
  }
}

TEST_CASE("hostile audio", "[probe][hostile][audio]") {
  const auto wav = [](std::vector<std::uint8_t> chunks) {
    std::vector<std::uint8_t> d = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E'};
    d.insert(d.end(), chunks.begin(), chunks.end());
    return d;
  };
  const std::vector<std::uint8_t> fmt = {'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 1, 0, 0x40, 0x1f, 0, 0, 0x80, 0x3e, 0, 0, 2, 0, 16, 0};
  SECTION("WAV") {
    auto ok = wav(fmt);
    ok.insert(ok.end(), {'d', 'a', 't', 'a', 0x80, 0x3e, 0, 0});
    ok.resize(ok.size() + 16000);
    const probe_result r = mem(ok);
    REQUIRE(r.ok());
    CHECK(r.audio()->duration == Approx(1.0));
    CHECK_FALSE(r.audio()->incomplete);
    // The data chunk claims 4 GiB: truncated since the December 2026 update (before: what is there
    // was counted and the file flagged `incomplete`).
    auto big = ok;
    put32(big, 12 + 24 + 4, 0xfeffffffu);
    std::swap(big[40], big[43]), std::swap(big[41], big[42]);  // little-endian
    const probe_result rb = mem(big);
    CHECK(is_error(rb, probe_errc::truncated));
    CHECK(is_error(mem(wav({'d', 'a', 't', 'a', 0, 0, 0, 0})), probe_errc::malformed));  // data before fmt
    auto zero = fmt;
    zero[12] = zero[13] = 0;
    CHECK(is_error(mem(wav(zero)), probe_errc::malformed));  // sample rate 0
    CHECK(is_error(mem(wav({'L', 'I', 'S', 'T', 0xff, 0xff, 0xff, 0x7f})), probe_errc::truncated));
  }
  SECTION("MP3") {
    // An ID3v2 tag claiming 256 MB, then nothing.
    CHECK(is_error(mem({'I', 'D', '3', 4, 0, 0, 0x7f, 0x7f, 0x7f, 0x7f}), probe_errc::truncated));
    // An ID3v2 tag followed by 100 KB of zeros: no frame within the sync search.
    std::vector<std::uint8_t> d = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0};
    d.resize(100'000);
    CHECK(is_error(mem(d), probe_errc::unsupported));
    // MPEG-1 layer II frames: recognized, not MP3.
    std::vector<std::uint8_t> mp2;
    for (int i = 0; i < 3; ++i) {
      const std::size_t at = mp2.size();
      mp2.resize(at + 417);  // MPEG-1 layer II, 128 kbps, 44.1 kHz, no padding: 144 * 128000 / 44100 = 417
      mp2[at] = 0xff, mp2[at + 1] = 0xfd, mp2[at + 2] = 0x80, mp2[at + 3] = 0x04;
    }
    CHECK(is_error(mem(mp2), probe_errc::unsupported));
  }
  SECTION("nothing, text, one byte") {
    CHECK(is_error(mem({}), probe_errc::truncated));
    const std::string text = "hello, this is not a media file at all";
    CHECK(is_error(mem(std::vector<std::uint8_t>(text.begin(), text.end())), probe_errc::unrecognized_format));
    CHECK(is_error(mem({0xff}), probe_errc::unrecognized_format));
  }
}

TEST_CASE("I/O errors are reported, not thrown", "[probe][io]") {
  CHECK(is_error(probe_file("/nonexistent/seedance/clip.mp4"), probe_errc::io_error));
  CHECK(is_error(probe_file(corpus_dir()), probe_errc::io_error));
  const auto bytes = read_bytes(corpus_dir() / "video/fps_30.mp4");
  // A reader that fails after the first window.
  std::size_t calls = 0;
  auto failing = [&](std::uint64_t off, std::uint8_t* out, std::size_t n) -> std::size_t {
    if (calls++ > 0) return 0;
    std::copy_n(bytes.data() + off, std::min<std::uint64_t>(n, bytes.size() - off), out);
    return std::min<std::uint64_t>(n, bytes.size() - off);
  };
  CHECK(is_error(probe(failing, bytes.size()), probe_errc::io_error));
  // A reader that throws.
  auto throwing = [](std::uint64_t, std::uint8_t*, std::size_t) -> std::size_t { throw std::runtime_error("disk on fire"); };
  CHECK(is_error(probe(throwing, 1000), probe_errc::io_error));
}

// Helpers of the probe's tests: the generated corpus, ffprobe's JSON, and result checks.
#ifndef SEEDANCE_TESTS_PROBE_TEST_UTIL_HPP
#define SEEDANCE_TESTS_PROBE_TEST_UTIL_HPP

#include <seedance/probe.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace probe_test {

namespace fs = std::filesystem;

inline fs::path corpus_dir() { return fs::path(SEEDANCE_PROBE_CORPUS); }

/// The corpus files of one family ("image", "video", "audio"), sorted; not their JSON.
inline std::vector<fs::path> corpus_files(const std::string& family) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(corpus_dir() / family)) {
    const std::string ext = e.path().extension().string();
    if (e.is_regular_file() && ext != ".json" && ext != ".tmp") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}
inline std::vector<fs::path> all_corpus_files() {
  std::vector<fs::path> out;
  for (const char* f : {"image", "video", "audio"}) {
    auto v = corpus_files(f);
    out.insert(out.end(), v.begin(), v.end());
  }
  return out;
}

inline std::vector<std::uint8_t> read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline nlohmann::json ffprobe_json(const fs::path& p) {
  std::ifstream in(p.string() + ".json");
  return nlohmann::json::parse(in);
}

/// ffprobe's first stream of a type ("video", "audio").
inline const nlohmann::json* stream_of(const nlohmann::json& j, const std::string& type) {
  for (const auto& s : j.at("streams"))
    if (s.value("codec_type", "") == type) return &s;
  return nullptr;
}

/// "num/den" (ffprobe's rationals) as a double.
inline double rational(const std::string& s) {
  const auto slash = s.find('/');
  const double num = std::stod(s.substr(0, slash));
  const double den = slash == std::string::npos ? 1.0 : std::stod(s.substr(slash + 1));
  return den == 0 ? 0 : num / den;
}

/// generated.tsv: what make_corpus.sh asked of ffmpeg, by path relative to the corpus.
inline std::map<std::string, std::map<std::string, std::string>> generated_facts() {
  std::map<std::string, std::map<std::string, std::string>> out;
  std::ifstream in(corpus_dir() / "generated.tsv");
  std::string line;
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    auto& facts = out[line.substr(0, tab)];
    std::istringstream kv(tab == std::string::npos ? "" : line.substr(tab + 1));
    std::string item;
    while (kv >> item) {
      const auto eq = item.find('=');
      if (eq != std::string::npos) facts[item.substr(0, eq)] = item.substr(eq + 1);
    }
  }
  return out;
}
inline std::string corpus_rel(const fs::path& p) { return fs::relative(p, corpus_dir()).generic_string(); }

/// Values a successful probe may report for any input, however damaged: finite, within bounds.
inline bool plausible(const seedance::probe_result& r) {
  using namespace seedance;
  if (const probe_error* e = r.error()) return !e->message.empty() && !to_string(e->code).empty();
  const auto finite_nonneg = [](double d) { return std::isfinite(d) && d >= 0; };
  if (const image_probe* p = r.image())
    return p->width > 0 && p->height > 0 && p->width <= 0x7fffffffu && p->height <= 0x7fffffffu && p->orientation >= 1 &&
           p->orientation <= 8;
  if (const video_probe* p = r.video())
    return finite_nonneg(p->duration) && finite_nonneg(p->track_duration) && finite_nonneg(p->fps) &&
           (p->rotation == 0 || p->rotation == 90 || p->rotation == 180 || p->rotation == 270) &&
           (p->format == media_format::mp4 || p->format == media_format::mov);
  if (const audio_probe* p = r.audio())
    return finite_nonneg(p->duration) && p->sample_rate > 0 && (p->format == media_format::wav || p->format == media_format::mp3) &&
           (!p->gapless_duration || finite_nonneg(*p->gapless_duration));
  return false;
}

/// Everything a probe reports (but the bytes read), as text: equal results give equal text.
inline std::string summary(const seedance::probe_result& r) {
  using namespace seedance;
  std::ostringstream o;
  o.precision(17);
  o << "bytes=" << r.bytes << ' ';
  if (const probe_error* e = r.error()) o << "error " << to_string(e->code) << ' ' << e->message;
  if (const image_probe* p = r.image())
    o << "image " << to_string(p->format) << ' ' << p->width << 'x' << p->height << " o=" << int(p->orientation) << p->has_exif_orientation
      << p->progressive << p->lossless << p->alpha << p->animated;
  if (const video_probe* p = r.video())
    o << "video " << to_string(p->format) << ' ' << std::string(p->brand.begin(), p->brand.end()) << ' ' << p->width << 'x' << p->height
      << " r=" << p->rotation << p->mirrored << " d=" << p->duration << " td=" << p->track_duration << " n=" << p->frames
      << " fps=" << p->fps << ' ' << p->variable_frame_rate << p->fps_estimated << p->fragmented << p->moov_after_mdat << p->has_audio
      << " ts=" << p->timescale;
  if (const audio_probe* p = r.audio())
    o << "audio " << to_string(p->format) << " d=" << p->duration << ' ' << p->sample_rate << ' ' << p->channels << ' ' << p->format_tag
      << ' ' << p->bits_per_sample << p->extensible << p->rf64 << p->incomplete << ' ' << p->mpeg_version << ' ' << p->bitrate_kbps << ' '
      << int(p->length_source) << ' ' << p->mp3_frames << ' ' << p->encoder_delay.value_or(99999) << ' '
      << p->encoder_padding.value_or(99999) << ' ' << p->gapless_duration.value_or(-1);
  return o.str();
}

/// Probes a buffer through the callback API (the 16 KiB window, as for files), counting reads.
inline seedance::probe_result probe_windowed(const std::vector<std::uint8_t>& bytes, std::size_t* calls = nullptr) {
  std::size_t n = 0;
  auto read = [&](std::uint64_t off, std::uint8_t* out, std::size_t len) -> std::size_t {
    ++n;
    if (off > bytes.size()) return 0;
    const std::size_t k = std::min<std::uint64_t>(len, bytes.size() - off);
    std::copy_n(bytes.data() + off, k, out);
    return k;
  };
  seedance::probe_result r = seedance::probe(read, bytes.size());
  if (calls) *calls = n;
  return r;
}

/// The top-level boxes of an ISO BMFF buffer: (type, offset, size). Independent of the probe.
struct box {
  std::string type;
  std::uint64_t offset, size, header;
};
inline std::vector<box> top_level_boxes(const std::vector<std::uint8_t>& d) {
  std::vector<box> out;
  std::uint64_t off = 0;
  auto rd32 = [&](std::uint64_t o) {
    return std::uint64_t{d[o]} << 24 | std::uint64_t{d[o + 1]} << 16 | std::uint64_t{d[o + 2]} << 8 | d[o + 3];
  };
  while (off + 8 <= d.size()) {
    std::uint64_t size = rd32(off), header = 8;
    if (size == 1) size = rd32(off + 8) << 32 | rd32(off + 12), header = 16;
    if (size == 0) size = d.size() - off;
    out.push_back({std::string(d.begin() + static_cast<std::ptrdiff_t>(off + 4), d.begin() + static_cast<std::ptrdiff_t>(off + 8)), off,
                   size, header});
    if (size < 8) break;
    off += size;
  }
  return out;
}

inline void put32(std::vector<std::uint8_t>& d, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) d[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}
inline void append32(std::vector<std::uint8_t>& d, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) d.push_back(static_cast<std::uint8_t>(v >> (24 - 8 * i)));
}
inline void append64(std::vector<std::uint8_t>& d, std::uint64_t v) {
  append32(d, static_cast<std::uint32_t>(v >> 32));
  append32(d, static_cast<std::uint32_t>(v));
}
inline void append_tag(std::vector<std::uint8_t>& d, const char* t) { d.insert(d.end(), t, t + 4); }

// --- crafted ISO BMFF (independent of the probe: the layouts of ISO/IEC 14496-12) ---------------
using bytes = std::vector<std::uint8_t>;

inline bytes box_of(const char* type, const bytes& payload) {
  bytes d;
  append32(d, static_cast<std::uint32_t>(8 + payload.size()));
  append_tag(d, type);
  d.insert(d.end(), payload.begin(), payload.end());
  return d;
}
inline bytes full_box(const char* type, std::uint32_t version_flags, const bytes& payload) {
  bytes p;
  append32(p, version_flags);
  p.insert(p.end(), payload.begin(), payload.end());
  return box_of(type, p);
}
inline bytes cat(std::initializer_list<bytes> parts) {
  bytes d;
  for (const auto& p : parts) d.insert(d.end(), p.begin(), p.end());
  return d;
}
inline bytes words(std::initializer_list<std::uint32_t> ws) {
  bytes d;
  for (std::uint32_t w : ws) append32(d, w);
  return d;
}
/// ftyp (major brand `brand`, minor version 0) + the given boxes.
inline bytes bmff(const bytes& rest, const char* brand = "isom") {
  bytes d;
  append32(d, 16);
  append_tag(d, "ftyp");
  append_tag(d, brand);
  append32(d, 0);
  d.insert(d.end(), rest.begin(), rest.end());
  return d;
}
/// mvhd version 0: timescale, duration (then rate, volume, matrix... left 0).
inline bytes mvhd_box(std::uint32_t timescale, std::uint32_t duration) {
  return full_box("mvhd", 0, cat({words({0, 0, timescale, duration}), bytes(80, 0)}));
}
/// tkhd version 0 (flags 3): the track id and the matrix's a, b, c, d (16.16); w = 1.0 (2.30).
inline bytes tkhd_box(std::uint32_t id, std::int32_t a = 0x10000, std::int32_t b = 0, std::int32_t c = 0, std::int32_t d = 0x10000) {
  bytes t(80, 0);
  put32(t, 8, id);                                // after creation and modification times
  put32(t, 36, static_cast<std::uint32_t>(a));    // matrix at 36: a b u c d v x y w
  put32(t, 40, static_cast<std::uint32_t>(b));
  put32(t, 48, static_cast<std::uint32_t>(c));
  put32(t, 52, static_cast<std::uint32_t>(d));
  put32(t, 68, 0x40000000);
  return full_box("tkhd", 3, t);
}
inline bytes mdhd_box(std::uint32_t timescale, std::uint32_t duration) {
  return full_box("mdhd", 0, words({0, 0, timescale, duration, 0}));
}
inline bytes hdlr_box(const char* handler) {
  bytes p = words({0});
  append_tag(p, handler);
  const bytes rest = words({0, 0, 0, 0});  // reserved, empty name
  p.insert(p.end(), rest.begin(), rest.end());
  return full_box("hdlr", 0, p);
}
/// A VisualSampleEntry without child boxes: 78 bytes, width and height at 32 and 34.
inline bytes visual_entry(std::uint16_t w, std::uint16_t h, const char* type = "avc1") {
  bytes e(78, 0);
  put32(e, 0, 78);
  e[4] = static_cast<std::uint8_t>(type[0]), e[5] = static_cast<std::uint8_t>(type[1]);
  e[6] = static_cast<std::uint8_t>(type[2]), e[7] = static_cast<std::uint8_t>(type[3]);
  e[32] = static_cast<std::uint8_t>(w >> 8), e[33] = static_cast<std::uint8_t>(w);
  e[34] = static_cast<std::uint8_t>(h >> 8), e[35] = static_cast<std::uint8_t>(h);
  return e;
}
inline bytes stsd_box(const std::vector<bytes>& entries) {
  bytes p = words({static_cast<std::uint32_t>(entries.size())});
  for (const bytes& e : entries) p.insert(p.end(), e.begin(), e.end());
  return full_box("stsd", 0, p);
}
/// stts from (count, delta) runs.
inline bytes stts_box(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& runs) {
  bytes p = words({static_cast<std::uint32_t>(runs.size())});
  for (const auto& [n, d] : runs) append32(p, n), append32(p, d);
  return full_box("stts", 0, p);
}
/// trak > tkhd, mdia > mdhd, hdlr, minf > stbl > `stbl_children` (hdlr after minf when asked).
inline bytes trak_box(const bytes& tkhd, std::uint32_t timescale, std::uint32_t mdhd_duration, const char* handler,
                      const bytes& stbl_children, bool hdlr_after_minf = false) {
  const bytes minf = box_of("minf", box_of("stbl", stbl_children));
  const bytes mdia = hdlr_after_minf ? box_of("mdia", cat({mdhd_box(timescale, mdhd_duration), minf, hdlr_box(handler)}))
                                     : box_of("mdia", cat({mdhd_box(timescale, mdhd_duration), hdlr_box(handler), minf}));
  return box_of("trak", cat({tkhd, mdia}));
}
/// trex: the track's default sample duration in fragments.
inline bytes trex_box(std::uint32_t id, std::uint32_t duration) { return full_box("trex", 0, words({id, 1, duration, 0, 0})); }
/// moof > mfhd, traf > tfhd (no defaults, or a default duration), trun of `count` samples, with
/// per-sample durations when `durations` is not empty.
inline bytes moof_box(std::uint32_t seq, std::uint32_t track, std::uint32_t count, const std::vector<std::uint32_t>& durations = {},
                      std::uint32_t tfhd_default_duration = 0) {
  const bytes tfhd = tfhd_default_duration ? full_box("tfhd", 0x020008, words({track, tfhd_default_duration}))
                                           : full_box("tfhd", 0x020000, words({track}));
  bytes run = words({count});
  for (std::uint32_t d : durations) append32(run, d);
  const bytes trun = full_box("trun", durations.empty() ? 0 : 0x100, run);
  return box_of("moof", cat({full_box("mfhd", 0, words({seq})), box_of("traf", cat({tfhd, trun}))}));
}

// --- Base64 (RFC 4648 section 4), written here independently of the probe's decoder -------------
inline std::string base64_encode(const std::vector<std::uint8_t>& d) {
  static const char* digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((d.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < d.size(); i += 3) {
    const std::uint32_t b0 = d[i], b1 = i + 1 < d.size() ? d[i + 1] : 0, b2 = i + 2 < d.size() ? d[i + 2] : 0;
    const std::uint32_t w = b0 << 16 | b1 << 8 | b2;
    out.push_back(digits[w >> 18 & 63]);
    out.push_back(digits[w >> 12 & 63]);
    out.push_back(i + 1 < d.size() ? digits[w >> 6 & 63] : '=');
    out.push_back(i + 2 < d.size() ? digits[w & 63] : '=');
  }
  return out;
}
/// Decodes well-formed Base64 whole (the reference the on-demand reader is compared with).
inline std::vector<std::uint8_t> base64_decode(const std::string& s) {
  const auto val = [](char c) -> std::uint32_t {
    if (c >= 'A' && c <= 'Z') return static_cast<std::uint32_t>(c - 'A');
    if (c >= 'a' && c <= 'z') return static_cast<std::uint32_t>(c - 'a' + 26);
    if (c >= '0' && c <= '9') return static_cast<std::uint32_t>(c - '0' + 52);
    return c == '+' ? 62u : c == '/' ? 63u : 0u;
  };
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 4 <= s.size(); i += 4) {
    const std::uint32_t w = val(s[i]) << 18 | val(s[i + 1]) << 12 | val(s[i + 2]) << 6 | val(s[i + 3]);
    out.push_back(static_cast<std::uint8_t>(w >> 16));
    if (s[i + 2] != '=') out.push_back(static_cast<std::uint8_t>(w >> 8));
    if (s[i + 3] != '=') out.push_back(static_cast<std::uint8_t>(w));
  }
  return out;
}

}  // namespace probe_test

#endif

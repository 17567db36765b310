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
    o << "image " << to_string(p->format) << ' ' << p->width << 'x' << p->height << " o=" << int(p->orientation)
      << p->has_exif_orientation << p->progressive << p->lossless << p->alpha << p->animated;
  if (const video_probe* p = r.video())
    o << "video " << to_string(p->format) << ' ' << std::string(p->brand.begin(), p->brand.end()) << ' ' << p->width << 'x'
      << p->height << " r=" << p->rotation << p->mirrored << " d=" << p->duration << " td=" << p->track_duration << " n=" << p->frames
      << " fps=" << p->fps << ' ' << p->variable_frame_rate << p->fps_estimated << p->fragmented << p->moov_after_mdat << p->has_audio
      << " ts=" << p->timescale;
  if (const audio_probe* p = r.audio())
    o << "audio " << to_string(p->format) << " d=" << p->duration << ' ' << p->sample_rate << ' ' << p->channels << ' ' << p->format_tag
      << ' ' << p->bits_per_sample << p->extensible << p->rf64 << p->incomplete << ' ' << p->mpeg_version << ' ' << p->bitrate_kbps
      << ' ' << int(p->length_source) << ' ' << p->mp3_frames << ' ' << p->encoder_delay.value_or(99999) << ' '
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
  auto rd32 = [&](std::uint64_t o) { return std::uint64_t{d[o]} << 24 | std::uint64_t{d[o + 1]} << 16 | std::uint64_t{d[o + 2]} << 8 | d[o + 3]; };
  while (off + 8 <= d.size()) {
    std::uint64_t size = rd32(off), header = 8;
    if (size == 1) size = rd32(off + 8) << 32 | rd32(off + 12), header = 16;
    if (size == 0) size = d.size() - off;
    out.push_back({std::string(d.begin() + static_cast<std::ptrdiff_t>(off + 4), d.begin() + static_cast<std::ptrdiff_t>(off + 8)), off, size, header});
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

}  // namespace probe_test

#endif

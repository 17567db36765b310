// The probe against a real oracle: every file of the generated corpus (tests/probe/make_corpus.sh)
// compared with ffprobe's JSON beside it, read from the path, from memory and through the callback;
// the bytes read for an MP4 whose moov is at the end; 64-bit and to-end-of-file box sizes; and the
// end-to-end case: a request whose URLs map to corpus files, validated with probed properties.
#include <catch2/catch.hpp>

#include <seedance/probe.hpp>
#include <seedance/validate.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <string>

#include "probe_test_util.hpp"

using namespace seedance;
using namespace probe_test;
using nlohmann::json;

namespace {

media_format format_of_codec(const std::string& codec) {
  if (codec == "mjpeg") return media_format::jpeg;
  if (codec == "png") return media_format::png;
  if (codec == "webp") return media_format::webp;
  return media_format::other;
}

}  // namespace

TEST_CASE("the corpus has every family the issue asks for", "[probe][corpus]") {
  // A missing generator (no jpegtran, an ffmpeg without libwebp...) must not pass unnoticed.
  const auto facts = generated_facts();
  REQUIRE(corpus_files("image").size() >= 15);
  REQUIRE(corpus_files("video").size() >= 35);
  REQUIRE(corpus_files("audio").size() >= 14);
  for (const auto& [rel, f] : facts) {
    INFO(rel);
    CHECK(fs::is_regular_file(corpus_dir() / rel));
    CHECK(fs::is_regular_file(corpus_dir() / (rel + ".json")));
  }
  std::size_t progressive = 0, sof1 = 0, exif_le = 0, cbr = 0, vbr = 0, large = 0;
  for (const auto& [rel, f] : facts) {
    progressive += f.count("progressive");
    sof1 += f.count("sof");
    exif_le += f.count("exif_le");
    cbr += f.count("cbr");
    vbr += f.count("vbr");
    large += rel.rfind("large/", 0) == 0;
  }
  CHECK(progressive >= 2);
  CHECK(sof1 == 1);
  CHECK(exif_le == 1);
  CHECK(cbr >= 3);
  CHECK(vbr >= 1);
  CHECK(large == 1);
  // QuickTime with moov first at more than one rate, and rotated by more than one angle.
  std::set<std::string> mov_faststart_rates, mov_rotations;
  for (const auto& [rel, f] : facts) {
    if (rel.rfind("video/fps_", 0) == 0 && rel.find("_faststart.mov") != std::string::npos) mov_faststart_rates.insert(rel);
    if (rel.rfind("video/rot_", 0) == 0 && rel.find(".mov") != std::string::npos && f.count("rotation"))
      mov_rotations.insert(f.at("rotation"));
  }
  CHECK(mov_faststart_rates.size() >= 3);
  CHECK(mov_rotations.size() >= 3);
}

TEST_CASE("images: size, format, orientation and progressive flag agree with ffprobe and the generator", "[probe][image]") {
  const auto facts = generated_facts();
  for (const fs::path& p : corpus_files("image")) {
    INFO(p.filename().string());
    const probe_result r = probe_file(p);
    REQUIRE(r.ok());
    const image_probe* img = r.image();
    REQUIRE(img != nullptr);
    const json j = ffprobe_json(p);
    const json& s = j.at("streams").at(0);
    CHECK(img->width == s.at("width").get<std::uint32_t>());
    CHECK(img->height == s.at("height").get<std::uint32_t>());
    CHECK(img->format == format_of_codec(s.at("codec_name").get<std::string>()));
    CHECK(r.bytes == std::stoull(j.at("format").at("size").get<std::string>()));
    const auto f = facts.count(corpus_rel(p)) ? facts.at(corpus_rel(p)) : std::map<std::string, std::string>{};
    const int orientation = f.count("orientation") ? std::stoi(f.at("orientation")) : 1;
    CHECK(int(img->orientation) == orientation);
    CHECK(img->has_exif_orientation == (f.count("orientation") != 0));
    if (img->format == media_format::jpeg) {
      CHECK(img->progressive == (f.count("progressive") != 0));
      // ffprobe's profile names the SOF: Baseline (SOF0), Sequential (SOF1, extended), Progressive.
      const std::string profile = s.value("profile", "");
      CHECK(img->progressive == (profile == "Progressive"));
      if (f.count("sof")) CHECK(profile == "Sequential");
    }
    // The validator's view: the displayed size.
    const auto props = r.properties();
    REQUIRE(props);
    const auto& ip = std::get<image_properties>(*props);
    const bool quarter = orientation >= 5;
    CHECK(*ip.width == (quarter ? img->height : img->width));
    CHECK(*ip.height == (quarter ? img->width : img->height));
    CHECK(*ip.format == img->format);
    CHECK(*ip.bytes == r.bytes);
  }
}

TEST_CASE("videos: coded size, duration, frame rate, rotation and brand agree with ffprobe", "[probe][video]") {
  const auto facts = generated_facts();
  for (const fs::path& p : corpus_files("video")) {
    INFO(p.filename().string());
    const probe_result r = probe_file(p);
    INFO((r.error() ? r.error()->message : std::string()));
    REQUIRE(r.ok());
    const video_probe* v = r.video();
    REQUIRE(v != nullptr);
    const json j = ffprobe_json(p);
    const json* s = stream_of(j, "video");
    REQUIRE(s != nullptr);
    CHECK(v->width == s->at("width").get<std::uint32_t>());
    CHECK(v->height == s->at("height").get<std::uint32_t>());
    CHECK(v->duration == Approx(std::stod(j.at("format").at("duration").get<std::string>())).margin(0.001));
    const auto f = facts.at(corpus_rel(p));
    if (f.count("media_seconds")) {
      // Trimmed by an edit list: ffprobe's stream duration applies it (as `duration` does, from
      // mvhd); track_duration is the media's (mdhd), every sample included (docs/probe.md).
      CHECK(v->track_duration == Approx(std::stod(f.at("media_seconds"))).margin(0.001));
      CHECK(std::stod(s->at("duration").get<std::string>()) == Approx(std::stod(f.at("seconds"))).margin(0.001));
    } else if (s->contains("duration")) {
      CHECK(v->track_duration == Approx(std::stod(s->at("duration").get<std::string>())).margin(0.001));
    }
    CHECK(v->fps == Approx(rational(s->at("avg_frame_rate").get<std::string>())).margin(0.01));
    if (!v->fragmented && s->contains("nb_frames")) CHECK(v->frames == std::stoull(s->at("nb_frames").get<std::string>()));
    int rotation = 0;  // ffprobe: counter-clockwise degrees of the display matrix; the probe: clockwise
    for (const json& sd : s->value("side_data_list", json::array()))
      if (sd.contains("rotation")) rotation = ((-sd.at("rotation").get<int>()) % 360 + 360) % 360;
    CHECK(v->rotation == rotation);
    const std::string brand = j.at("format").at("tags").at("major_brand").get<std::string>();
    CHECK(std::string(v->brand.begin(), v->brand.end()) == brand);
    CHECK(v->format == (brand == "qt  " ? media_format::mov : media_format::mp4));
    CHECK(v->has_audio == (stream_of(j, "audio") != nullptr));
    CHECK(v->variable_frame_rate == (f.count("vfr") != 0));
    CHECK(v->fragmented == (p.filename().string().rfind("frag_", 0) == 0));
    CHECK(std::abs(v->duration - std::stod(f.at("seconds"))) < 0.05);  // the generator's length, roughly
    if (f.count("video_seconds")) CHECK(std::abs(v->track_duration - std::stod(f.at("video_seconds"))) < 0.05);
    // The validator's view: the displayed size.
    const auto props = r.properties();
    REQUIRE(props);
    const auto& vp = std::get<video_properties>(*props);
    const bool quarter = rotation == 90 || rotation == 270;
    CHECK(*vp.width == (quarter ? v->height : v->width));
    CHECK(*vp.height == (quarter ? v->width : v->height));
    CHECK(*vp.duration == v->duration);
    CHECK(*vp.fps == v->fps);
  }
}

TEST_CASE("a constant rate whose durations alternate by one tick is one rate, as ffprobe says", "[probe][video][fps]") {
  // make_corpus.sh: 24000/1001 fps at a 90 kHz timescale, 30000/1001 at 600. The stts is read here
  // independently of the probe, to be sure the files do exercise the rounding.
  const auto facts = generated_facts();
  std::size_t files = 0;
  for (const fs::path& p : corpus_files("video")) {
    if (!facts.at(corpus_rel(p)).count("tick_rounding")) continue;
    INFO(p.filename().string());
    ++files;
    const auto bytes = read_bytes(p);
    std::uint64_t moov_at = 0, moov_size = 0;
    for (const box& b : top_level_boxes(bytes))
      if (b.type == "moov") moov_at = b.offset, moov_size = b.size;
    REQUIRE(moov_size != 0);
    const std::string tag = "stts";
    const auto first = bytes.begin() + static_cast<std::ptrdiff_t>(moov_at);
    const auto it = std::search(first, first + static_cast<std::ptrdiff_t>(moov_size), tag.begin(), tag.end());
    REQUIRE(it != first + static_cast<std::ptrdiff_t>(moov_size));
    const auto at = static_cast<std::size_t>(it - bytes.begin()) + 4;  // after the type: version/flags, count, entries
    auto rd32 = [&](std::size_t o) {
      return std::uint32_t{bytes[o]} << 24 | std::uint32_t{bytes[o + 1]} << 16 | std::uint32_t{bytes[o + 2]} << 8 | bytes[o + 3];
    };
    const std::uint32_t n = rd32(at + 4);
    std::set<std::uint32_t> deltas;
    for (std::uint32_t i = 0; i + 1 < n; ++i) deltas.insert(rd32(at + 8 + 8 * i + 4));  // the last entry aside
    REQUIRE(deltas.size() == 2);
    CHECK(*deltas.rbegin() - *deltas.begin() == 1);
    const probe_result r = probe_file(p);
    REQUIRE(r.ok());
    CHECK_FALSE(r.video()->variable_frame_rate);
    const json j = ffprobe_json(p);
    CHECK(r.video()->fps == Approx(rational(stream_of(j, "video")->at("avg_frame_rate").get<std::string>())).margin(0.01));
  }
  CHECK(files == 2);
}

TEST_CASE("WAV: duration, rate and channels agree with ffprobe", "[probe][audio][wav]") {
  std::size_t extensible = 0;
  for (const fs::path& p : corpus_files("audio")) {
    if (p.extension() != ".wav") continue;
    INFO(p.filename().string());
    const probe_result r = probe_file(p);
    REQUIRE(r.ok());
    const audio_probe* a = r.audio();
    REQUIRE(a != nullptr);
    CHECK(a->format == media_format::wav);
    const json j = ffprobe_json(p);
    const json& s = j.at("streams").at(0);
    CHECK(a->duration == Approx(std::stod(s.at("duration").get<std::string>())).margin(0.001));
    CHECK(a->duration == Approx(std::stod(j.at("format").at("duration").get<std::string>())).margin(0.001));
    CHECK(a->sample_rate == std::stoul(s.at("sample_rate").get<std::string>()));
    CHECK(a->channels == s.at("channels").get<unsigned>());
    CHECK(a->rf64 == (p.filename().string().find("rf64") != std::string::npos));
    CHECK_FALSE(a->incomplete);
    // WAVE_FORMAT_EXTENSIBLE: the fmt chunk's tag, read here from the file; ffprobe's codec tag is
    // the SubFormat's, as the probe's format_tag is.
    const auto bytes = read_bytes(p);
    std::uint16_t tag = 0;
    for (std::size_t off = 12; off + 8 <= bytes.size();) {
      const std::uint32_t len = bytes[off + 4] | bytes[off + 5] << 8 | bytes[off + 6] << 16 | std::uint32_t{bytes[off + 7]} << 24;
      if (std::string(bytes.begin() + static_cast<std::ptrdiff_t>(off), bytes.begin() + static_cast<std::ptrdiff_t>(off + 4)) == "fmt ") {
        tag = static_cast<std::uint16_t>(bytes[off + 8] | bytes[off + 9] << 8);
        break;
      }
      off += 8 + std::uint64_t{len} + (len & 1);
    }
    REQUIRE(tag != 0);
    CHECK(a->extensible == (tag == 0xfffe));
    CHECK(a->format_tag == std::stoul(s.at("codec_tag").get<std::string>(), nullptr, 16));
    extensible += a->extensible;
  }
  CHECK(extensible >= 2);  // 6 channels, and 24 bits (ffmpeg writes EXTENSIBLE for more than 16 bits)
}

TEST_CASE("WAV: a data size of 0 (an unfinished recording) runs to the end of the file", "[probe][audio][wav]") {
  // ffmpeg reads a RIFF data chunk of size 0 as "to the end of the file": the copy whose size is
  // zeroed lasts as long as ffprobe says the original does, and is flagged incomplete.
  const fs::path p = corpus_dir() / "audio/wav_s16_44100_stereo.wav";
  auto bytes = read_bytes(p);
  const std::string data = "data";
  const auto it = std::search(bytes.begin() + 12, bytes.end(), data.begin(), data.end());
  REQUIRE(it != bytes.end());
  const auto at = static_cast<std::size_t>(it - bytes.begin()) + 4;
  REQUIRE((bytes[at] | bytes[at + 1] | bytes[at + 2] | bytes[at + 3]) != 0);
  std::fill_n(bytes.begin() + static_cast<std::ptrdiff_t>(at), 4, std::uint8_t{0});
  const probe_result r = probe(std::span<const std::uint8_t>(bytes));
  INFO(summary(r));
  REQUIRE(r.ok());
  const json j = ffprobe_json(p);
  CHECK(r.audio()->duration == Approx(std::stod(j.at("format").at("duration").get<std::string>())).margin(0.001));
  CHECK(r.audio()->incomplete);
  CHECK(summary(probe_windowed(bytes)) == summary(r));
  // A data chunk of size 0 that ends the file: an empty recording, complete.
  bytes.resize(at + 4);
  const probe_result empty = probe(std::span<const std::uint8_t>(bytes));
  REQUIRE(empty.ok());
  CHECK(empty.audio()->duration == 0);
  CHECK_FALSE(empty.audio()->incomplete);
}

namespace {
/// MP3s without a Xing/VBRI header: a CBR file (generated with -b:a) longer than the frames walked
/// before the arithmetic is tried is counted by arithmetic, and then ffprobe (which estimates from
/// the bitrate) agrees; a VBR file is walked.
void check_noxing(const probe_result& r, const json& j, const std::map<std::string, std::string>& f) {
  const audio_probe* a = r.audio();
  if (f.count("cbr")) {
    CHECK(a->length_source == (a->mp3_frames > detail::probe::mp3_cbr_head_frames ? mp3_length_source::cbr : mp3_length_source::scan));
    CHECK(a->duration == Approx(std::stod(j.at("format").at("duration").get<std::string>())).margin(0.001));
  }
  if (f.count("vbr")) CHECK(a->length_source == mp3_length_source::scan);
}
}  // namespace

TEST_CASE("MP3: the generated length within one frame plus the encoder delay, the gapless length exact", "[probe][audio][mp3]") {
  // ffprobe estimates an MP3 without a Xing header from its bitrate and ignores the encoder delay:
  // the generator's length is the oracle here (docs/probe.md).
  const auto facts = generated_facts();
  std::set<mp3_length_source> sources;
  for (const fs::path& p : corpus_files("audio")) {
    if (p.extension() != ".mp3") continue;
    INFO(p.filename().string());
    const probe_result r = probe_file(p);
    REQUIRE(r.ok());
    const audio_probe* a = r.audio();
    REQUIRE(a != nullptr);
    CHECK(a->format == media_format::mp3);
    const json j = ffprobe_json(p);
    const json& s = j.at("streams").at(0);
    CHECK(a->sample_rate == std::stoul(s.at("sample_rate").get<std::string>()));
    CHECK(a->channels == s.at("channels").get<unsigned>());
    const double generated = std::stod(facts.at(corpus_rel(p)).at("seconds"));
    // frames x samples per frame = encoder delay + the audio + padding, and LAME pads to the end of a
    // frame plus the decoder's delay (529 samples): one frame + delay + 529 bounds the excess.
    const double spf = a->mpeg_version == 1 ? 1152 : 576;
    const double delay = a->encoder_delay.value_or(576);
    CHECK(a->duration >= generated);
    CHECK(a->duration - generated <= (spf + delay + 529) / a->sample_rate);
    if (a->gapless_duration) CHECK(*a->gapless_duration == Approx(generated).margin(1.0 / a->sample_rate));
    sources.insert(a->length_source);
    // With a Xing/Info header ffprobe counts the same frames.
    if (a->length_source == mp3_length_source::xing || a->length_source == mp3_length_source::info)
      CHECK(a->duration == Approx(std::stod(s.at("duration").get<std::string>())).margin(0.001));
    CHECK(a->mpeg_version == (a->sample_rate >= 32000 ? 1 : a->sample_rate >= 16000 ? 2 : 25));
    check_noxing(r, j, facts.at(corpus_rel(p)));
  }
  CHECK(sources.count(mp3_length_source::xing) == 1);
  CHECK(sources.count(mp3_length_source::info) == 1);
  CHECK(sources.count(mp3_length_source::scan) == 1);
  CHECK(sources.count(mp3_length_source::cbr) == 1);
}

TEST_CASE("MP3: 15 MB of CBR without a Xing header, by arithmetic: the generated length, reading little", "[probe][audio][mp3]") {
  // 375 s at 320 kbps, 44.1 kHz (make_corpus.sh): 1044.9 bytes a frame on average, the padding bit
  // varying. The frame count is the bytes / the exact average, checked against the generator's
  // length (LAME adds its delay and pads the last frame: at most one frame + delay + 529 samples
  // more) and ffprobe's, which for CBR is the same bytes x 8 / bitrate.
  const auto facts = generated_facts();
  const fs::path p = corpus_dir() / "large/mp3_cbr320_noxing_15MB.mp3";
  const probe_result r = probe_file(p);
  INFO(summary(r));
  REQUIRE(r.ok());
  const audio_probe* a = r.audio();
  CHECK(a->length_source == mp3_length_source::cbr);
  CHECK(a->bitrate_kbps == 320);
  const double generated = std::stod(facts.at(corpus_rel(p)).at("seconds"));
  CHECK(a->duration >= generated);
  CHECK(a->duration - generated <= (1152 + 576 + 529) / 44100.0);
  const json j = ffprobe_json(p);
  const double ffprobe_duration = std::stod(j.at("format").at("duration").get<std::string>());
  CHECK(a->duration == Approx(ffprobe_duration).margin(0.001));
  const auto frames = static_cast<std::uint64_t>(std::llround(ffprobe_duration * 44100 / 1152));
  CHECK(a->mp3_frames == frames);
  CHECK(r.bytes_read <= 8 * 16384);  // a few windows: the start, three checkpoints, the end
  check_noxing(r, j, facts.at(corpus_rel(p)));
  // The buffer and callback APIs agree.
  const auto bytes = read_bytes(p);
  CHECK(summary(probe(std::span<const std::uint8_t>(bytes))) == summary(r));
  CHECK(summary(probe_windowed(bytes)) == summary(r));
  // The last frame cut short: not a whole number of frames, so the count is estimated (the whole
  // frames left: one fewer).
  auto cut = bytes;
  cut.resize(cut.size() - 100);
  const probe_result c = probe(std::span<const std::uint8_t>(cut));
  REQUIRE(c.ok());
  CHECK(c.audio()->length_source == mp3_length_source::estimate);
  CHECK(c.audio()->mp3_frames == frames - 1);
}

TEST_CASE("path, memory and callback probes report the same facts", "[probe][api]") {
  for (const fs::path& p : all_corpus_files()) {
    INFO(p.filename().string());
    const auto bytes = read_bytes(p);
    const probe_result from_path = probe_file(p);
    const probe_result from_memory = probe(std::span<const std::uint8_t>(bytes));
    const probe_result from_callback = probe_windowed(bytes);
    CHECK(summary(from_path) == summary(from_memory));
    CHECK(summary(from_callback) == summary(from_memory));
    CHECK(from_memory.bytes_read == 0);
    CHECK(from_path.bytes_read == from_callback.bytes_read);
    CHECK(from_path.bytes == bytes.size());
    // Only the kind asked for is tried.
    const media_kind kind = p.parent_path().filename() == "image"   ? media_kind::image
                            : p.parent_path().filename() == "video" ? media_kind::video
                                                                    : media_kind::audio;
    for (media_kind k : {media_kind::image, media_kind::video, media_kind::audio}) {
      const probe_result only = probe(std::span<const std::uint8_t>(bytes), probe_options{k});
      if (k == kind) CHECK(summary(only) == summary(from_memory));
      else CHECK((only.error() && only.error()->code == probe_errc::unrecognized_format));
    }
  }
}

TEST_CASE("headers only: bytes read from a file stay near the header size", "[probe][io]") {
  for (const fs::path& p : all_corpus_files()) {
    INFO(p.filename().string());
    const auto bytes = read_bytes(p);
    const probe_result r = probe_file(p);
    REQUIRE(r.ok());
    if (const audio_probe* a = r.audio(); a && a->length_source == mp3_length_source::scan) {
      CHECK(r.bytes_read <= bytes.size() + 2 * 16384);  // the frame walk: about the file once
      continue;
    }
    if (const audio_probe* a = r.audio(); a && a->length_source == mp3_length_source::cbr) {
      CHECK(r.bytes_read <= 8 * 16384);  // the start, three checkpoints and the end
      continue;
    }
    std::uint64_t limit = 64 * 1024;
    if (r.video()) {
      std::uint64_t moov = 0, moofs = 0;
      for (const box& b : top_level_boxes(bytes)) {
        if (b.type == "moov") moov = b.size;
        if (b.type == "moof") moofs += 16384;  // one window per fragment header
      }
      limit += moov + moofs;
    }
    CHECK(r.bytes_read <= limit);
    if (bytes.size() > 2 * limit) CHECK(r.bytes_read < bytes.size() / 2);
  }
}

TEST_CASE("an MP4 with moov after a large mdat is probed reading moov plus at most 64 KiB", "[probe][io]") {
  // fps_30.mp4 has its moov at the end; its mdat grows by 8 MiB of padding at its end (the sample
  // offsets stay right), read through the callback API that counts bytes.
  const auto src = read_bytes(corpus_dir() / "video/fps_30.mp4");
  const auto boxes = top_level_boxes(src);
  std::vector<std::uint8_t> big;
  std::uint64_t moov = 0;
  bool moov_last = false;
  for (const box& b : boxes) {
    const auto first = src.begin() + static_cast<std::ptrdiff_t>(b.offset);
    const auto last = first + static_cast<std::ptrdiff_t>(b.size);
    if (b.type == "mdat") {
      const std::size_t at = big.size();
      big.insert(big.end(), first, last);
      REQUIRE(b.header == 8);
      put32(big, at, static_cast<std::uint32_t>(b.size + 8 * 1024 * 1024));
      big.resize(big.size() + 8 * 1024 * 1024);
    } else {
      big.insert(big.end(), first, last);
    }
    if (b.type == "moov") moov = b.size;
    moov_last = b.type == "moov";
  }
  REQUIRE(moov_last);
  std::size_t calls = 0;
  const probe_result r = probe_windowed(big, &calls);
  REQUIRE(r.ok());
  CHECK(r.video()->moov_after_mdat);
  CHECK(r.bytes_read <= moov + 64 * 1024);
  CHECK(calls <= moov / 16384 + 4);
  const probe_result small = probe(std::span<const std::uint8_t>(src));
  CHECK(summary(r).substr(summary(r).find(' ')) == summary(small).substr(summary(small).find(' ')));
}

TEST_CASE("64-bit box sizes and size 0 (to the end of the file) read like the original", "[probe][video]") {
  for (const char* name : {"video/fps_25.mp4", "video/av_aac_tmcd.mov", "video/fps_25_faststart.mp4", "video/frag_empty_moov.mp4"}) {
    INFO(name);
    const auto src = read_bytes(corpus_dir() / name);
    const std::string expected = summary(probe(std::span<const std::uint8_t>(src)));
    const auto boxes = top_level_boxes(src);
    // Every top-level box with a 64-bit size: offsets inside mdat move, which the probe never reads.
    std::vector<std::uint8_t> wide;
    for (const box& b : boxes) {
      REQUIRE(b.header == 8);
      append32(wide, 1);
      wide.insert(wide.end(), src.begin() + static_cast<std::ptrdiff_t>(b.offset + 4),
                  src.begin() + static_cast<std::ptrdiff_t>(b.offset + 8));
      append64(wide, b.size + 8);
      wide.insert(wide.end(), src.begin() + static_cast<std::ptrdiff_t>(b.offset + 8),
                  src.begin() + static_cast<std::ptrdiff_t>(b.offset + b.size));
    }
    const probe_result rw = probe(std::span<const std::uint8_t>(wide));
    INFO(summary(rw));
    REQUIRE(rw.ok());
    const std::string got = summary(rw);
    CHECK(got.substr(got.find(' ')) == expected.substr(expected.find(' ')));
    // The last box with size 0.
    std::vector<std::uint8_t> zero = src;
    put32(zero, static_cast<std::size_t>(boxes.back().offset), 0);
    CHECK(summary(probe(std::span<const std::uint8_t>(zero))) == expected);
  }
}

TEST_CASE("a file over 4 GiB: a moov past 4 GiB is read with 64-bit seeks", "[probe][io]") {
  // A sparse file (no disk space used): ftyp, an mdat with a 64-bit size up to 4.5 GiB (a hole),
  // then a moov: one 320x240 video track, 50 samples of 512 ticks at 12800 Hz (2 s, 25 fps). Its
  // offset does not fit in 32 bits (nor in a 32-bit long: fseek would fail where long is 32 bits).
  const std::uint64_t moov_at = (std::uint64_t{9} << 29) + 12345;  // 4.5 GiB + 12345
  const bytes stbl = cat({stsd_box({visual_entry(320, 240)}), stts_box({{50, 512}}), full_box("stsz", 0, words({0, 50}))});
  const bytes moov = box_of("moov", cat({mvhd_box(1000, 2000), trak_box(tkhd_box(1), 12800, 25600, "vide", stbl)}));
  bytes head = bmff({});
  const std::uint64_t mdat_at = head.size();
  append32(head, 1);
  append_tag(head, "mdat");
  append64(head, moov_at - mdat_at);  // from the mdat's start to the moov
  const fs::path path = corpus_dir().parent_path() / "sparse_over_4GiB.mp4";
  struct remover {
    fs::path p;
    ~remover() {
      std::error_code ec;
      fs::remove(p, ec);
    }
  } cleanup{path};
  {
    std::ofstream o(path, std::ios::binary | std::ios::trunc);
    o.write(reinterpret_cast<const char*>(head.data()), static_cast<std::streamsize>(head.size()));
  }
  fs::resize_file(path, moov_at);  // a hole: ftruncate
  {
    std::ofstream o(path, std::ios::binary | std::ios::app);
    o.write(reinterpret_cast<const char*>(moov.data()), static_cast<std::streamsize>(moov.size()));
  }
  REQUIRE(fs::file_size(path) == moov_at + moov.size());
  const probe_result r = probe_file(path);
  INFO(summary(r));
  REQUIRE(r.ok());
  CHECK(r.bytes == moov_at + moov.size());
  CHECK(r.video()->moov_after_mdat);
  CHECK(r.video()->width == 320);
  CHECK(r.video()->height == 240);
  CHECK(r.video()->duration == Approx(2.0));
  CHECK(r.video()->fps == Approx(25.0));
  CHECK(r.bytes_read <= 16384 + moov.size());  // the first window, then the moov
}

TEST_CASE("end to end: a request whose URLs are corpus files, validated with probed properties", "[probe][e2e]") {
  const auto url = [](const std::string& rel) { return "https://media.example.com/" + rel; };
  const auto media_for = [&](const std::vector<std::string>& rels) {
    media_map m;
    for (const std::string& rel : rels) {
      const probe_result r = probe_file(corpus_dir() / rel);
      INFO(rel);
      REQUIRE(r.ok());
      m.emplace(url(rel), *r.properties());
    }
    return m;
  };
  const auto request = [&](const std::vector<std::string>& images, const std::vector<std::string>& videos,
                           const std::vector<std::string>& audios) {
    json body = {{"model", "seedance-2.0-reference-to-video"}, {"prompt", "an advert for tea"}};
    for (const auto& [field, rels] : {std::pair{"image_urls", images}, std::pair{"video_urls", videos}, std::pair{"audio_urls", audios}}) {
      if (rels.empty()) continue;
      body[field] = json::array();
      for (const std::string& rel : rels) body[field].push_back(url(rel));
    }
    std::vector<std::string> all = images;
    all.insert(all.end(), videos.begin(), videos.end());
    all.insert(all.end(), audios.begin(), audios.end());
    return validate(body, media_for(all));
  };
  const auto codes = [](const report& r) {
    std::set<std::string> out;
    for (const diagnostic& d : r) out.insert(std::string(to_string(d.code)));
    return out;
  };
  using S = std::set<std::string>;

  const report good = request({"image/jpeg_baseline_640x480.jpg"}, {"video/fps_24.mp4"}, {"audio/wav_s16_44100_stereo.wav"});
  INFO(to_text(good));
  CHECK(codes(good).empty());
  // The four cases.
  CHECK(codes(request({}, {"video/fps_24000_1001.mp4"}, {})) == S{"video_fps"});
  CHECK(codes(request({}, {"video/fps_24000_1001_ts90k.mp4"}, {})) == S{"video_fps"});
  CHECK(codes(request({}, {"video/dur_16s.mp4"}, {})) == S{"video_duration", "video_total_duration"});
  CHECK(codes(request({}, {"video/dur_5s.mp4", "video/fps_24.mp4", "video/dur_6s.mp4"}, {})) == S{});
  {
    // Three videos totalling 16 s: 5 + 5 + 6, two URLs for the same file.
    json body = {{"model", "seedance-2.0-reference-to-video"},
                 {"prompt", "x"},
                 {"video_urls", {url("video/dur_5s.mp4"), url("video/dur_5s.mp4") + "?copy", url("video/dur_6s.mp4")}}};
    media_map m = media_for({"video/dur_5s.mp4", "video/dur_6s.mp4"});
    m.emplace(url("video/dur_5s.mp4") + "?copy", m.at(url("video/dur_5s.mp4")));
    const report r = validate(body, m);
    INFO(to_text(r));
    CHECK(codes(r) == S{"video_total_duration"});
  }
  CHECK(codes(request({"image/jpeg_250x250.jpg"}, {}, {})) == S{"image_dimensions"});
  // And more of section 3 from real files.
  CHECK(codes(request({"image/jpeg_7000x300.jpg"}, {}, {})) == S{"image_dimensions", "image_aspect_ratio"});
  CHECK(codes(request({"image/png_rgb_640x480.png"}, {}, {"audio/wav_u8_8000.wav"})) == S{"audio_duration", "audio_total_duration"});
  CHECK(codes(request({"video/fps_24.mp4"}, {}, {})) == S{"image_format", "media_extension"});
  CHECK(codes(request({}, {"video/dur_15s.mp4"}, {})) == S{});
  CHECK(codes(request({}, {"video/odd_321x241.mp4"}, {})).count("video_pixel_count") == 1);
}

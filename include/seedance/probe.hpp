// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Media probing: width, height, duration, frame rate and format read from the headers of a local
// file or a byte buffer, without decoding, to feed the media rules of the validator (docs/spec.md
// section 3). Standard library only; not part of <seedance/seedance.hpp>. See docs/probe.md.
//
//   seedance::probe_result r = seedance::probe_file("clip.mp4");      // reads headers only, with seeks
//   seedance::probe_result r = seedance::probe(std::span{bytes});       // an in-memory buffer
//   if (!r) std::cerr << to_string(r.error()->code) << ": " << r.error()->message;
//   media[url] = *r.properties();                                       // -> seedance::validate(body, media)
//   seedance::data_uri_probe d = seedance::probe_data_uri("data:image/png;base64,iVBOR...");  // Base64 decoded on demand
//
// Which size the rules see: the DISPLAYED size. An image's EXIF orientation 5..8 and a video's
// tkhd rotation of 90/270 degrees swap width and height in `properties()`; the coded (stored) size
// stays in `image_probe::width/height` and `video_probe::width/height`. The provider shows and
// crops frames as they are displayed (rule last_frame_cropped compares those aspect ratios), and the
// size, aspect and pixel-count bounds of section 3 are symmetric under the swap (0.4 = 1/2.5,
// checked below), so the choice never changes their verdict. docs/probe.md says more.
//
// Safety: the bytes are untrusted. No read outside the buffer, no allocation sized by a header
// field, bounded nesting and work (detail/probe_core.hpp, docs/probe.md), and no exception escapes.
#ifndef SEEDANCE_PROBE_HPP
#define SEEDANCE_PROBE_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <cstring>
#include <memory>
#include <type_traits>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <variant>

#if !defined(_WIN32)
#include <sys/types.h>  // off_t (fseeko)
#endif

#include "detail/text.hpp"
#include "media.hpp"
#include "spec.hpp"

namespace seedance {

/// Why a probe failed.
enum class probe_errc : std::uint8_t {
  unrecognized_format,  ///< not PNG, JPEG, WebP, MP4/MOV, WAV or MP3 (decided by content, not name)
  truncated,            ///< a header the probe needs, or the file's declared structure, runs past the end of the bytes
  malformed,            ///< the headers contradict themselves (a box larger than its parent, ...)
  unsupported,          ///< recognized, but a variant the probe does not read (free-format MP3, ...)
  io_error,             ///< the file could not be opened or read
};

template <>
struct enum_strings<probe_errc> {
  static constexpr std::array<std::string_view, 5> values{"unrecognized_format", "truncated", "malformed", "unsupported", "io_error"};
};

/// A failed probe: a code and one sentence.
struct probe_error {
  probe_errc code = probe_errc::malformed;
  std::string message;
};

/// An image (PNG, JPEG, WebP).
struct image_probe {
  media_format format = media_format::other;
  std::uint32_t width = 0;   ///< coded (stored) width: what ffprobe reports
  std::uint32_t height = 0;  ///< coded (stored) height
  /// EXIF orientation 1..8 (JPEG APP1, PNG eXIf, WebP EXIF); 1 when absent or invalid.
  std::uint8_t orientation = 1;
  bool has_exif_orientation = false;
  bool progressive = false;  ///< JPEG: a progressive SOF (SOF2, SOF6, SOF10, SOF14)
  bool lossless = false;     ///< WebP: VP8L; PNG: always
  bool alpha = false;        ///< PNG: a colour type with an alpha channel (tRNS is not looked at); WebP: its alpha flag
  bool animated = false;     ///< WebP: VP8X animation flag; PNG: acTL before IDAT

  /// Orientations 5..8 turn the picture by 90 degrees: width and height swap on display.
  [[nodiscard]] constexpr bool swaps_sides() const noexcept { return orientation >= 5 && orientation <= 8; }
  [[nodiscard]] constexpr std::uint32_t display_width() const noexcept { return swaps_sides() ? height : width; }
  [[nodiscard]] constexpr std::uint32_t display_height() const noexcept { return swaps_sides() ? width : height; }
};

/// A video (MP4 or MOV; ISO BMFF / QuickTime).
struct video_probe {
  media_format format = media_format::other;  ///< mov when the ftyp major brand is 'qt  ' (or no ftyp), else mp4
  std::array<char, 4> brand{'?', '?', '?', '?'};  ///< ftyp major brand
  std::uint32_t width = 0;   ///< coded width from the video track's sample description (stsd)
  std::uint32_t height = 0;  ///< coded height
  /// Clockwise rotation applied on display, from the video track's tkhd matrix: 0, 90, 180 or 270.
  int rotation = 0;
  bool mirrored = false;      ///< the tkhd matrix also flips the picture
  /// Seconds: the movie's (mvhd, which the muxer computes from the edit lists; ffprobe's
  /// format.duration), so a video with longer audio reports the audio's end; fragments summed; > 0.
  double duration = 0;
  /// Seconds: the video track's media (mdhd), before its edit list (all samples, hidden ones too);
  /// fragmented: its samples summed.
  double track_duration = 0;
  std::uint64_t frames = 0;   ///< video samples (stts, plus trun in fragments); > 0
  /// frames x timescale / sum of sample durations; > 0 (a video without a frame rate is an error).
  double fps = 0;
  /// The sample durations differ by more than one tick (first and last sample aside): ±1-tick
  /// rounding of a constant rate (90 kHz at 24000/1001 fps: 3754 and 3753) is not variable.
  bool variable_frame_rate = false;
  /// fps is not frames / summed durations: tables beyond the work bound (fps from stsz's count and
  /// mdhd's duration; fragments: from the samples summed up to the bound), or sample durations all 0
  /// (fps from mdhd's, or mehd's, duration).
  bool fps_estimated = false;
  bool fragmented = false;           ///< mvex in moov: moof fragments were summed
  bool moov_after_mdat = false;      ///< the movie header comes after the media data (no faststart)
  bool has_audio = false;            ///< a track whose mdia/hdlr is 'soun'
  std::uint32_t timescale = 0;       ///< the video track's mdhd timescale

  [[nodiscard]] constexpr bool swaps_sides() const noexcept { return rotation == 90 || rotation == 270; }
  [[nodiscard]] constexpr std::uint32_t display_width() const noexcept { return swaps_sides() ? height : width; }
  [[nodiscard]] constexpr std::uint32_t display_height() const noexcept { return swaps_sides() ? width : height; }
};

/// How an MP3's length was found.
enum class mp3_length_source : std::uint8_t {
  none,      ///< not an MP3
  xing,      ///< Xing header (VBR) frame count
  info,      ///< Info header (LAME's CBR variant of Xing) frame count
  vbri,      ///< Fraunhofer VBRI header frame count
  scan,      ///< every frame header walked (no header with a frame count; the bitrate varies, or a short file)
  /// Estimated: VBR frames walked up to the work bound, the rest from their average size; or a
  /// constant bitrate whose bytes are not a whole number of frames (a cut last frame, trailing junk).
  estimate,
  /// Constant bitrate: audio bytes / the exact average frame size, frames confirmed where the
  /// arithmetic puts them through the file, the last one ending the audio (docs/probe.md).
  cbr,
};

/// An audio file (WAV, MP3).
struct audio_probe {
  media_format format = media_format::other;
  /// Seconds. WAV: data bytes / block align / sample rate (PCM, float, A-law, mu-law; other codecs:
  /// data bytes / byte rate). MP3: frames x samples per frame / sample rate, i.e. what a decoder
  /// outputs, encoder delay and padding included (see gapless_duration).
  double duration = 0;
  std::uint32_t sample_rate = 0;
  std::uint16_t channels = 0;
  // WAV
  std::uint16_t format_tag = 0;       ///< WAVE format tag (the SubFormat's for WAVE_FORMAT_EXTENSIBLE)
  std::uint16_t bits_per_sample = 0;
  bool extensible = false;            ///< WAVE_FORMAT_EXTENSIBLE
  bool rf64 = false;                  ///< RF64/BW64 with a ds64 chunk
  /// The data chunk's size is 0 with bytes after it (an unfinished recording), or an RF64 ds64 size
  /// of 0 or all ones (a streaming writer's placeholder): the duration is what the file holds. (A
  /// size that claims more than the file holds is `truncated`, an error.)
  bool incomplete = false;
  // MP3
  int mpeg_version = 0;               ///< 1, 2, or 25 (MPEG-2.5)
  std::uint32_t bitrate_kbps = 0;     ///< the first audio frame's
  mp3_length_source length_source = mp3_length_source::none;
  std::uint64_t mp3_frames = 0;       ///< audio frames (the Xing/Info/VBRI frame not counted)
  std::optional<std::uint32_t> encoder_delay;    ///< samples, from a LAME/Lavc tag
  std::optional<std::uint32_t> encoder_padding;  ///< samples, from a LAME/Lavc tag
  /// Seconds without encoder delay and padding (LAME/Lavc tag present): the original length.
  std::optional<double> gapless_duration;
};

/// What a probe found: the facts of one kind of media, or an error; and the byte counts.
struct probe_result {
  std::variant<probe_error, image_probe, video_probe, audio_probe> value{probe_error{}};
  std::uint64_t bytes = 0;       ///< the file's size (from the file system) or the buffer's
  std::uint64_t bytes_read = 0;  ///< bytes read from the file (path and callback APIs; 0 for a buffer)

  [[nodiscard]] bool ok() const noexcept { return value.index() != 0; }
  explicit operator bool() const noexcept { return ok(); }
  [[nodiscard]] const probe_error* error() const noexcept { return std::get_if<probe_error>(&value); }
  [[nodiscard]] const image_probe* image() const noexcept { return std::get_if<image_probe>(&value); }
  [[nodiscard]] const video_probe* video() const noexcept { return std::get_if<video_probe>(&value); }
  [[nodiscard]] const audio_probe* audio() const noexcept { return std::get_if<audio_probe>(&value); }
  /// The validator's view: the displayed size, duration, fps, format and `bytes`; nullopt on error.
  [[nodiscard]] std::optional<media_properties> properties() const;
};

/// Which families to try: all, or only one kind (the fuzzers and callers who know the kind).
struct probe_options {
  std::optional<media_kind> only;
};

// The sizes the rules use are the displayed ones; every bound of section 3 that involves the sides
// must therefore not depend on which side is which.
static_assert(
    [] {
      for (const media_rules& r : media_table) {
        if (r.aspect.min.num == 0) continue;  // no aspect rule (audio)
        if (r.aspect.min.num * r.aspect.max.num != r.aspect.min.den * r.aspect.max.den) return false;
      }
      return true;
    }(),
    "seedance: an aspect bound of media_table is not symmetric (min != 1/max): probe.hpp's choice of the displayed size needs revisiting");

[[nodiscard]] inline media_properties to_media_properties(const image_probe& p, std::uint64_t bytes) {
  image_properties m;
  m.format = p.format;
  m.width = p.display_width();
  m.height = p.display_height();
  m.bytes = bytes;
  return m;
}
[[nodiscard]] inline media_properties to_media_properties(const video_probe& p, std::uint64_t bytes) {
  video_properties m;
  m.format = p.format;
  if (p.width != 0 && p.height != 0) {
    m.width = p.display_width();
    m.height = p.display_height();
  }
  if (p.duration > 0) m.duration = p.duration;
  if (p.fps > 0) m.fps = p.fps;
  m.bytes = bytes;
  return m;
}
[[nodiscard]] inline media_properties to_media_properties(const audio_probe& p, std::uint64_t bytes) {
  audio_properties m;
  m.format = p.format;
  m.duration = p.duration;
  m.bytes = bytes;
  return m;
}

inline std::optional<media_properties> probe_result::properties() const {
  if (const image_probe* p = image()) return to_media_properties(*p, bytes);
  if (const video_probe* p = video()) return to_media_properties(*p, bytes);
  if (const audio_probe* p = audio()) return to_media_properties(*p, bytes);
  return std::nullopt;
}

/// One line for people, `seedance probe`'s (docs/cli.md): `video mp4 1280x720, 5.000 s, 23.976 fps,
/// 1048576 bytes`, `image jpeg 3000x4000 (stored 4000x3000, EXIF orientation 6), 2345678 bytes`,
/// `audio mp3 3.000 s, 48000 bytes`, or `error[truncated]: ...`. Sizes are the displayed ones; a
/// video's rotation and a variable frame rate are noted. JSON: <seedance/probe_json.hpp>.
[[nodiscard]] inline std::string to_text(const probe_result& p) {
  char buf[256];
  if (const probe_error* e = p.error()) return "error[" + std::string(to_string(e->code)) + "]: " + e->message;
  if (const image_probe* i = p.image()) {
    std::snprintf(buf, sizeof buf, "image %s %ux%u", std::string(to_string(i->format)).c_str(), i->display_width(), i->display_height());
    std::string s = buf;
    if (i->swaps_sides())
      s += " (stored " + std::to_string(i->width) + "x" + std::to_string(i->height) + ", EXIF orientation " +
           std::to_string(i->orientation) + ")";
    return s + ", " + std::to_string(p.bytes) + " bytes";
  }
  if (const video_probe* v = p.video()) {
    std::snprintf(buf, sizeof buf, "video %s %ux%u, %.3f s, %.3f fps", std::string(to_string(v->format)).c_str(), v->display_width(),
                  v->display_height(), v->duration, v->fps);
    std::string s = buf;
    if (v->rotation != 0) s += " (rotated " + std::to_string(v->rotation) + " degrees)";
    if (v->variable_frame_rate) s += " (variable frame rate)";
    return s + ", " + std::to_string(p.bytes) + " bytes";
  }
  if (const audio_probe* a = p.audio()) {
    std::snprintf(buf, sizeof buf, "audio %s %.3f s", std::string(to_string(a->format)).c_str(), a->duration);
    return std::string(buf) + ", " + std::to_string(p.bytes) + " bytes";
  }
  return "?";
}

}  // namespace seedance

#include "detail/probe_core.hpp"
#include "detail/probe_image.hpp"
#include "detail/probe_bmff.hpp"
#include "detail/probe_audio.hpp"

namespace seedance {
namespace detail::probe {

inline probe_result run(reader& in, const probe_options& opt) noexcept {
  probe_result r;
  r.bytes = in.size();
  try {
    context cx{in};
    const auto want = [&](media_kind k) { return !opt.only || *opt.only == k; };
    std::uint8_t head[12] = {};
    const std::size_t n = in.size() < 12 ? static_cast<std::size_t>(in.size()) : 12;
    if (const std::uint8_t* p = in.get(0, n)) std::memcpy(head, p, n);
    else if (in.io_failed()) cx.fail(probe_errc::io_error, "reading the file failed");

    bool tried = cx.failed;
    if (!tried && want(media_kind::image)) {
      if (looks_png(head, n)) tried = true, r.value = parse_png(cx);
      else if (looks_jpeg(head, n)) tried = true, r.value = parse_jpeg(cx);
      else if (looks_webp(head, n)) tried = true, r.value = parse_webp(cx);
    }
    if (!tried && want(media_kind::video) && looks_bmff(head, n)) tried = true, r.value = parse_bmff(cx);
    if (!tried && want(media_kind::audio)) {
      if (looks_wav(head, n)) tried = true, r.value = parse_wav(cx);
      else if (looks_mp3(cx, head, n)) tried = true, r.value = parse_mp3(cx);
    }
    if (!tried && !cx.failed) {
      cx.fail(in.size() == 0 ? probe_errc::truncated : probe_errc::unrecognized_format,
              in.size() == 0 ? "the file is empty" : "not a PNG, JPEG, WebP, MP4/MOV, WAV or MP3 file (judged by its content)");
    }
    if (cx.failed) r.value = probe_error{cx.error.code, std::move(cx.error.message)};
  } catch (...) {  // std::bad_alloc of a message: nothing else throws
    r.value = probe_error{probe_errc::io_error, "out of memory"};
  }
  r.bytes_read = in.bytes_read();
  return r;
}

struct file_ctx {
  std::FILE* f;
  std::uint64_t pos;
};
/// Seeks to a 64-bit offset: fseek takes a long, 32 bits on Windows and on 32-bit platforms.
inline bool seek_file(std::FILE* f, std::uint64_t off) noexcept {
#if defined(_WIN32)
  return off <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) &&
         _fseeki64(f, static_cast<__int64>(off), SEEK_SET) == 0;
#else
  // off_t is 64 bits on 64-bit POSIX systems, and on 32-bit ones built with _FILE_OFFSET_BITS=64.
  using off_max = std::numeric_limits<off_t>;
  return off <= static_cast<std::uint64_t>(off_max::max()) && fseeko(f, static_cast<off_t>(off), SEEK_SET) == 0;
#endif
}
inline std::size_t read_file(void* c, std::uint64_t off, std::uint8_t* out, std::size_t n) noexcept {
  auto* fc = static_cast<file_ctx*>(c);
  if (fc->pos != off) {
    if (!seek_file(fc->f, off)) return 0;
    fc->pos = off;
  }
  const std::size_t got = std::fread(out, 1, n, fc->f);
  fc->pos += got;
  return got;
}

}  // namespace detail::probe

/// Probes a byte buffer. Never throws.
[[nodiscard]] inline probe_result probe(std::span<const std::uint8_t> bytes, const probe_options& opt = {}) noexcept {
  detail::probe::reader in(bytes.data(), bytes.size());
  return detail::probe::run(in, opt);
}
[[nodiscard]] inline probe_result probe(std::span<const std::byte> bytes, const probe_options& opt = {}) noexcept {
  return probe(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), opt);
}
[[nodiscard]] inline probe_result probe(std::string_view bytes, const probe_options& opt = {}) noexcept {
  return probe(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), opt);
}

/// Probes `size` bytes served by `read(offset, out, n) -> bytes copied` (fewer than n = I/O error),
/// through a window of 16 KiB: any storage (a file handle, a memory map, a network range reader).
template <class Read>
  requires std::is_invocable_r_v<std::size_t, Read&, std::uint64_t, std::uint8_t*, std::size_t>
[[nodiscard]] probe_result probe(Read&& read, std::uint64_t size, const probe_options& opt = {}) noexcept {
  using R = std::remove_reference_t<Read>;
  std::array<std::uint8_t, detail::probe::window_size> window;
  auto thunk = [](void* c, std::uint64_t off, std::uint8_t* out, std::size_t n) noexcept -> std::size_t {
    try {
      return (*static_cast<R*>(c))(off, out, n);
    } catch (...) { return 0; }
  };
  detail::probe::reader in(thunk, const_cast<void*>(static_cast<const void*>(std::addressof(read))), size, window.data());
  return detail::probe::run(in, opt);
}

/// Probes a file: its size from the file system, then only the headers it needs, read with seeks
/// through a 16 KiB window (64-bit offsets: fseeko, _fseeki64 on Windows). A VBR MP3 without a
/// Xing/VBRI header is the exception: up to 4,096 of its frame headers are walked. Never throws.
[[nodiscard]] inline probe_result probe_file(const std::filesystem::path& path, const probe_options& opt = {}) noexcept {
  try {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec) {
      probe_result r;
      r.value = probe_error{probe_errc::io_error, "cannot read the size of " + path.string() + ": " + ec.message()};
      return r;
    }
#if defined(_WIN32)
    std::FILE* f = _wfopen(path.c_str(), L"rb");  // path::value_type is wchar_t
#else
    std::FILE* f = std::fopen(path.c_str(), "rb");
#endif
    if (!f) {
      probe_result r;
      r.value = probe_error{probe_errc::io_error, "cannot open " + path.string()};
      return r;
    }
    std::setvbuf(f, nullptr, _IONBF, 0);  // the probe's window is the only buffer
    detail::probe::file_ctx fc{f, 0};
    std::array<std::uint8_t, detail::probe::window_size> window;
    detail::probe::reader in(detail::probe::read_file, &fc, size, window.data());
    probe_result r = detail::probe::run(in, opt);
    std::fclose(f);
    return r;
  } catch (...) {
    probe_result r;
    r.value = probe_error{probe_errc::io_error, "out of memory"};
    return r;
  }
}

}  // namespace seedance

#include "detail/probe_data_uri.hpp"  // probe_data_uri, is_data_uri: data: URIs probed without decoding them whole

#endif  // SEEDANCE_PROBE_HPP

// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Internals of <seedance/probe.hpp>: WAV (RIFF, RF64/BW64, WAVE_FORMAT_EXTENSIBLE) and MP3 (MPEG-1,
// 2 and 2.5 layer III; ID3v2, ID3v1, APEv2; Xing/Info with the LAME tag, VBRI; CBR frame arithmetic,
// a bounded frame walk).
// Include <seedance/probe.hpp>, not this header.
#ifndef SEEDANCE_DETAIL_PROBE_AUDIO_HPP
#define SEEDANCE_DETAIL_PROBE_AUDIO_HPP

#include <cmath>

#include "probe_core.hpp"

namespace seedance::detail::probe {

// --- WAV -----------------------------------------------------------------------------------------
inline bool looks_wav(const std::uint8_t* h, std::size_t n) noexcept {
  return n >= 12 && (tag_is(h, "RIFF") || tag_is(h, "RF64") || tag_is(h, "BW64")) && tag_is(h + 8, "WAVE");
}

inline std::variant<probe_error, image_probe, video_probe, audio_probe> parse_wav(context& cx) {
  audio_probe a;
  a.format = media_format::wav;
  const std::uint8_t* h = cx.need(0, 12, "RIFF header");
  if (!h) return probe_error{};
  a.rf64 = !tag_is(h, "RIFF");
  const std::uint64_t end = cx.in.size();
  std::uint64_t off = 12, ds64_data = 0;
  bool fmt = false, ds64 = false;
  std::uint32_t byte_rate = 0;
  std::uint16_t align = 0;
  for (;;) {
    if (end - off < 8) {
      cx.fail(probe_errc::truncated,
              fmt ? "WAV: no data chunk before the end of the file" : "WAV: no fmt chunk before the end of the file");
      return probe_error{};
    }
    if (!cx.count_box()) return probe_error{};
    const std::uint8_t* c = cx.need(off, 8, "WAV chunk header");
    if (!c) return probe_error{};
    const std::uint32_t id = be32(c);
    const std::uint64_t len = le32(c + 4);
    if (id == fourcc("ds64")) {
      const std::uint8_t* p = len >= 24 ? cx.need(off + 8, 24, "WAV ds64 chunk") : nullptr;
      if (!p) {
        if (!cx.failed) cx.fail(probe_errc::malformed, "WAV: a ds64 chunk shorter than 24 bytes");
        return probe_error{};
      }
      ds64_data = le64(p + 8);
      ds64 = true;
    } else if (id == fourcc("fmt ")) {
      const std::uint8_t* p = len >= 16 ? cx.need(off + 8, len >= 40 ? 40 : 16, "WAV fmt chunk") : nullptr;
      if (!p) {
        if (!cx.failed) cx.fail(probe_errc::malformed, "WAV: a fmt chunk shorter than 16 bytes");
        return probe_error{};
      }
      a.format_tag = le16(p);
      a.channels = le16(p + 2);
      a.sample_rate = le32(p + 4);
      byte_rate = le32(p + 8);
      align = le16(p + 12);
      a.bits_per_sample = le16(p + 14);
      if (a.format_tag == 0xfffe && len >= 40) {
        a.extensible = true;
        a.format_tag = le16(p + 24);  // the SubFormat GUID's first two bytes
      }
      if (a.sample_rate == 0 || a.channels == 0) {
        cx.fail(probe_errc::malformed, "WAV: a sample rate or channel count of 0");
        return probe_error{};
      }
      fmt = true;
    } else if (id == fourcc("data")) {
      if (!fmt) {
        cx.fail(probe_errc::malformed, "WAV: the data chunk comes before the fmt chunk");
        return probe_error{};
      }
      std::uint64_t size = len;
      const std::uint64_t have = end - off - 8;
      if (ds64 && (len == 0xffffffffu || len == 0)) {
        size = ds64_data;  // RF64/BW64: the real size is ds64's
        if (size == 0 || size == ~std::uint64_t{0}) size = have, a.incomplete = have != 0;  // a streaming RF64 writer's placeholder
      } else if (len == 0xffffffffu || len == 0) {
        // A stream written without sizes (0xFFFFFFFF), or an unfinished recording (0: the writer
        // stopped before it wrote the size): to the end of the file, as ffmpeg reads it. Not a
        // truncation: nothing was declared.
        size = have;
        a.incomplete = len == 0 && have != 0;
      }
      if (size > have) {
        // A declared size the file does not hold: the upload was cut (docs/spec.md section 9).
        cx.fail(probe_errc::truncated, "WAV: the data chunk at offset " + std::to_string(off) + " claims " + std::to_string(size) +
                                           " bytes; the file holds " + std::to_string(have) +
                                           " after its header: it runs past the end of the file");
        return probe_error{};
      }
      const std::uint16_t t = a.format_tag;
      const bool pcm_like = t == 1 || t == 3 || t == 6 || t == 7;  // PCM, float, A-law, mu-law
      if (pcm_like && align != 0) {
        a.duration = static_cast<double>(size / align) / a.sample_rate;
      } else if (byte_rate != 0) {
        a.duration = static_cast<double>(size) / byte_rate;
      } else {
        cx.fail(probe_errc::malformed, "WAV: a block align and byte rate of 0");
        return probe_error{};
      }
      return a;
    }
    const std::uint64_t step = 8 + len + (len & 1);
    if (step > end - off) {
      cx.fail(probe_errc::truncated, "WAV: chunk '" + fourcc_text(id) + "' runs past the end of the file");
      return probe_error{};
    }
    off += step;
  }
}

// --- MP3 -----------------------------------------------------------------------------------------
struct mpa_header {
  int version = 0;  // 1, 2, 25
  int layer = 0;    // 1, 2, 3
  std::uint32_t bitrate_kbps = 0, sample_rate = 0, frame_size = 0, samples = 0;
  bool mono = false;
  [[nodiscard]] std::uint32_t side_info() const noexcept { return version == 1 ? (mono ? 17 : 32) : (mono ? 9 : 17); }
};

/// Parses an MPEG audio frame header; false when it is not one (or is free format: bitrate 0).
inline bool parse_mpa(std::uint32_t h, mpa_header& out) noexcept {
  if ((h >> 21) != 0x7ff) return false;
  const std::uint32_t vb = (h >> 19) & 3, lb = (h >> 17) & 3, bi = (h >> 12) & 15, si = (h >> 10) & 3;
  if (vb == 1 || lb == 0 || bi == 15 || bi == 0 || si == 3 || (h & 3) == 2) return false;
  static constexpr std::uint16_t rates[3] = {44100, 48000, 32000};
  // kbps by [MPEG-1?][layer - 1][index]
  static constexpr std::uint16_t br[2][3][15] = {
      {{0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},  // MPEG-2/2.5 layer I
       {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},       // layer II
       {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}},      // layer III
      {{0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},  // MPEG-1 layer I
       {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},     // layer II
       {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}},     // layer III
  };
  out.version = vb == 3 ? 1 : vb == 2 ? 2 : 25;
  out.layer = static_cast<int>(4 - lb);
  const bool m1 = out.version == 1;
  out.bitrate_kbps = br[m1 ? 1 : 0][out.layer - 1][bi];
  out.sample_rate = rates[si] >> (m1 ? 0 : out.version == 2 ? 1 : 2);
  const std::uint32_t pad = (h >> 9) & 1;
  out.mono = ((h >> 6) & 3) == 3;
  if (out.layer == 1) {
    out.samples = 384;
    out.frame_size = (12000 * out.bitrate_kbps / out.sample_rate + pad) * 4;
  } else {
    out.samples = out.layer == 3 && !m1 ? 576 : 1152;
    out.frame_size = out.samples / 8 * 1000 * out.bitrate_kbps / out.sample_rate + pad;
  }
  return true;
}

inline bool same_stream(const mpa_header& a, const mpa_header& b) noexcept {
  return a.version == b.version && a.layer == b.layer && a.sample_rate == b.sample_rate;
}

/// The offset after the ID3v2 tags at `off` (several may follow each other), or `off`.
inline std::uint64_t skip_id3v2(context& cx, std::uint64_t off) {
  for (int i = 0; i < 8; ++i) {
    const std::uint8_t* p = cx.in.get(off, 10);
    if (!p || !(p[0] == 'I' && p[1] == 'D' && p[2] == '3')) break;
    if ((p[6] | p[7] | p[8] | p[9]) & 0x80) break;  // not a synchsafe size
    const std::uint64_t size = std::uint64_t{p[6]} << 21 | std::uint64_t{p[7]} << 14 | std::uint64_t{p[8]} << 7 | p[9];
    off += 10 + size + ((p[5] & 0x10) ? 10 : 0);
  }
  return off;
}

/// A frame header at `off` whose successor (or the end) is where its size says.
inline bool mpa_frame_at(context& cx, std::uint64_t off, std::uint64_t end, mpa_header& h) {
  const std::uint8_t* p = off <= end && end - off >= 4 ? cx.in.get(off, 4) : nullptr;
  if (!p || !parse_mpa(be32(p), h)) return false;
  if (h.frame_size < 4 || h.frame_size > end - off) return false;
  if (h.frame_size == end - off) return true;
  const std::uint8_t* q = end - off - h.frame_size >= 4 ? cx.in.get(off + h.frame_size, 4) : nullptr;
  mpa_header n;
  return q && parse_mpa(be32(q), n) && same_stream(h, n);
}

/// A header that is valid but for its bitrate index, 0: free format (the frame size is in no header).
inline bool free_format_header(std::uint32_t h) noexcept {
  if ((h >> 21) != 0x7ff) return false;
  const std::uint32_t vb = (h >> 19) & 3, lb = (h >> 17) & 3, bi = (h >> 12) & 15, si = (h >> 10) & 3;
  return vb != 1 && lb != 0 && bi == 0 && si != 3 && (h & 3) != 2;
}

/// A free-format frame at `off`: such a header, and the same header again (its padding and private
/// bits aside) within max_free_format_frame bytes, where the next frame would start.
inline bool free_format_at(context& cx, std::uint64_t off, std::uint64_t end) {
  if (off > end || end - off < 12) return false;
  const std::uint64_t span = std::min<std::uint64_t>(end - off, max_free_format_frame);
  const std::uint8_t* p = cx.in.get(off, static_cast<std::size_t>(span));
  if (!p || !free_format_header(be32(p))) return false;
  // Sync, version, layer, CRC flag, bitrate index, sample rate, channel mode: not the padding bit,
  // nor the private, mode extension, copyright, original and emphasis bits.
  constexpr std::uint32_t mask = 0xfffffcc0u;
  const std::uint32_t want = be32(p) & mask;
  for (std::size_t i = 8; i + 4 <= span; ++i)
    if ((be32(p + i) & mask) == want) return true;
  return false;
}

inline bool looks_mp3(context& cx, const std::uint8_t* h, std::size_t n) {
  if (n >= 3 && h[0] == 'I' && h[1] == 'D' && h[2] == '3') return true;
  mpa_header m;
  return n >= 4 && (mpa_frame_at(cx, 0, cx.in.size(), m) || free_format_at(cx, 0, cx.in.size()));
}

/// floor(k x num / den) without overflow (num < 2^26, den < 2^16, so b x num < 2^42).
constexpr std::uint64_t mul_div_floor(std::uint64_t k, std::uint64_t num, std::uint64_t den) noexcept {
  return sat_add(sat_mul(k / den, num), (k % den) * num / den);
}

/// What a walk over MPEG audio frame headers found.
struct mp3_walk {
  std::uint64_t frames = 0;
  std::uint64_t pos = 0;        // where it stopped
  bool constant = true;         // one bitrate and one channel layout throughout
  mpa_header first{};           // the first frame walked
};

/// Walks up to `limit` frames of the stream of `h` from `w.pos` on, adding to `w`.
inline void walk_mp3(context& cx, mp3_walk& w, std::uint64_t end, const mpa_header& h, std::uint64_t limit) {
  mpa_header f;
  while (w.frames < limit && w.pos < end && end - w.pos >= 4) {
    const std::uint8_t* p = cx.in.get(w.pos, 4);
    if (!p || !parse_mpa(be32(p), f) || !same_stream(f, h) || f.frame_size < 4 || f.frame_size > end - w.pos) break;
    if (w.frames == 0) w.first = f;
    else if (f.bitrate_kbps != w.first.bitrate_kbps || f.mono != w.first.mono) w.constant = false;
    ++w.frames;
    w.pos += f.frame_size;
  }
}

/// A frame of the constant-bitrate stream of `ref` within one byte of `at` (the arithmetic's place
/// for it: padding bits make each frame's start vary by one byte around the exact average). With
/// `last`, that frame must end exactly at `end`; otherwise the frame after it must follow.
inline bool cbr_frame_near(context& cx, std::uint64_t at, std::uint64_t start, std::uint64_t end, const mpa_header& ref, bool last) {
  for (const int delta : {0, 1, -1}) {
    if ((delta < 0 && at <= start) || at >= end) continue;
    const std::uint64_t c = delta < 0 ? at - 1 : at + static_cast<std::uint64_t>(delta);
    if (c >= end) continue;
    mpa_header f;
    if (last) {
      const std::uint8_t* p = end - c >= 4 ? cx.in.get(c, 4) : nullptr;
      if (p && parse_mpa(be32(p), f) && same_stream(f, ref) && f.frame_size == end - c && f.bitrate_kbps == ref.bitrate_kbps) return true;
    } else if (mpa_frame_at(cx, c, end, f) && f.bitrate_kbps == ref.bitrate_kbps && f.mono == ref.mono) {
      return true;
    }
  }
  return false;
}

/// The frame count of a constant-bitrate stream of `ref` frames in [start, end), by arithmetic: the
/// average frame size is num / den bytes exactly (samples / 8 x 1000 x kbps / rate: 417.96 at 128 kbps
/// and 44.1 kHz, the padding bit adding the byte that keeps each frame's start within one byte of
/// k x num / den). Frames of that bitrate must be where the arithmetic puts frames n/4, n/2 and 3n/4
/// (a VBR file that merely starts at one bitrate is refuted there), else 0 is returned. `exact` is
/// set when the bytes are a whole number of frames (within one byte) and the last one ends the audio.
inline std::uint64_t cbr_frames(context& cx, std::uint64_t start, std::uint64_t end, const mpa_header& ref, bool& exact) {
  exact = false;
  const std::uint64_t num = std::uint64_t{ref.samples} / 8 * 1000 * ref.bitrate_kbps, den = ref.sample_rate;
  if (num == 0 || den == 0 || end <= start) return 0;
  const std::uint64_t bytes = end - start, q = bytes / num, rem = bytes % num;
  const std::uint64_t t = (rem * den + num / 2) / num;  // rem x den < 2^42
  const std::uint64_t n = sat_add(sat_mul(q, den), t);  // round(bytes x den / num)
  if (n < 2) return 0;
  for (const std::uint64_t k : {n / 4, n / 2, n - n / 4}) {
    if (k == 0 || k >= n - 1) continue;
    if (!cbr_frame_near(cx, start + mul_div_floor(k, num, den), start, end, ref, false)) return 0;
  }
  const std::uint64_t dev = rem * den >= t * num ? rem * den - t * num : t * num - rem * den;  // |bytes - n x avg| x den
  if (dev <= den && cbr_frame_near(cx, start + mul_div_floor(n - 1, num, den), start, end, ref, true)) {
    exact = true;
    return n;
  }
  return sat_add(sat_mul(q, den), rem * den / num);  // the whole frames the bytes hold at the average size
}

inline std::variant<probe_error, image_probe, video_probe, audio_probe> parse_mp3(context& cx) {
  audio_probe a;
  a.format = media_format::mp3;
  std::uint64_t end = cx.in.size();
  // Trailing tags: ID3v1 (128 bytes), then an APEv2 tag before it.
  if (end >= 128) {
    if (const std::uint8_t* t = cx.in.get(end - 128, 3); t && t[0] == 'T' && t[1] == 'A' && t[2] == 'G') end -= 128;
  }
  if (end >= 32) {
    if (const std::uint8_t* t = cx.in.get(end - 32, 32); t && std::memcmp(t, "APETAGEX", 8) == 0) {
      const std::uint64_t size = std::uint64_t{le32(t + 12)} + ((le32(t + 20) & 0x80000000u) ? 32 : 0);
      if (size <= end) end -= size;
    }
  }
  const std::uint64_t start = skip_id3v2(cx, 0);
  mpa_header h;
  std::uint64_t first = start;
  bool found = false;
  int free_checks = 0;
  for (std::uint64_t i = 0; i < max_mp3_sync_search && start + i < end; ++i) {
    if (mpa_frame_at(cx, start + i, end, h)) {
      first = start + i;
      found = true;
      break;
    }
    const std::uint8_t* p = end - (start + i) >= 4 ? cx.in.get(start + i, 4) : nullptr;
    if (p && free_format_header(be32(p)) && free_checks < max_free_format_checks) {
      ++free_checks;
      if (free_format_at(cx, start + i, end)) {
        cx.fail(probe_errc::unsupported, "MP3: a free-format bitrate (bitrate index 0: the frame size is in no header) at offset " +
                                             std::to_string(start + i) + ", which the probe does not read");
        return probe_error{};
      }
    }
  }
  if (cx.in.io_failed()) return cx.fail(probe_errc::io_error, ""), probe_error{};
  if (!found) {
    cx.fail(start >= end ? probe_errc::truncated : probe_errc::unsupported,
            start >= end ? "MP3: the file ends inside or right after its ID3v2 tag"
                         : "MP3: no MPEG audio frame within " + std::to_string(max_mp3_sync_search) + " bytes of the start of the audio");
    return probe_error{};
  }
  if (h.layer != 3) {
    cx.fail(probe_errc::unsupported, "MPEG audio layer " + std::string(h.layer == 1 ? "I" : "II") + ", not layer III (MP3)");
    return probe_error{};
  }
  a.mpeg_version = h.version;
  a.sample_rate = h.sample_rate;
  a.channels = h.mono ? 1 : 2;
  a.bitrate_kbps = h.bitrate_kbps;

  // Xing/Info (after the side information) or VBRI (32 bytes after the header) in the first frame.
  std::uint64_t frames = 0, declared_bytes = 0;
  bool tag_frame = false;
  const std::uint32_t xo = 4 + h.side_info();
  if (h.frame_size >= xo + 8) {
    const std::uint8_t* x = cx.in.get(first + xo, 8);
    if (x && (tag_is(x, "Xing") || tag_is(x, "Info"))) {
      tag_frame = true;
      const bool info = tag_is(x, "Info");
      const std::uint32_t flags = be32(x + 4);
      std::uint64_t at = xo + 8;
      if (flags & 1) {
        if (const std::uint8_t* f = at + 4 <= h.frame_size ? cx.in.get(first + at, 4) : nullptr) {
          frames = be32(f);
          a.length_source = info ? mp3_length_source::info : mp3_length_source::xing;
        }
        at += 4;
      }
      if (flags & 2) {
        if (const std::uint8_t* b = at + 4 <= h.frame_size ? cx.in.get(first + at, 4) : nullptr) declared_bytes = be32(b);
        at += 4;
      }
      at += ((flags & 4) ? 100 : 0) + ((flags & 8) ? 4 : 0);
      if (at + 24 <= h.frame_size) {
        if (const std::uint8_t* l = cx.in.get(first + at, 24);
            l && (std::memcmp(l, "LAME", 4) == 0 || std::memcmp(l, "Lavf", 4) == 0 || std::memcmp(l, "Lavc", 4) == 0)) {
          const std::uint32_t v = be24(l + 21);
          a.encoder_delay = v >> 12;
          a.encoder_padding = v & 0xfffu;
        }
      }
    } else if (h.frame_size >= 36 + 18) {
      const std::uint8_t* b = cx.in.get(first + 36, 18);
      if (b && tag_is(b, "VBRI")) {
        tag_frame = true;
        declared_bytes = be32(b + 10);
        frames = be32(b + 14);
        a.length_source = mp3_length_source::vbri;
      }
    }
  }
  // The header's byte count (Xing flag 2, VBRI): the audio from its frame on (ffmpeg; LAME may count
  // its ID3v1 tag, others the ID3v2 tag too). More than the whole file: the file was cut, and the
  // frame count (the duration) describes audio that is not there. Compared with the whole file's
  // size, so that no counting convention makes a whole file look cut (docs/probe.md).
  if (declared_bytes > cx.in.size()) {
    cx.fail(probe_errc::truncated, "MP3: the " + std::string(a.length_source == mp3_length_source::vbri ? "VBRI" : "Xing/Info") +
                                       " header at offset " + std::to_string(first) + " declares " + std::to_string(declared_bytes) +
                                       " bytes of audio; the whole file has " + std::to_string(cx.in.size()) +
                                       ": the audio runs past the end of the file");
    return probe_error{};
  }
  if (frames == 0) {  // no frame count in a header: the first frames, then arithmetic (CBR) or a walk
    const std::uint64_t walk_start = first + (tag_frame ? h.frame_size : 0);
    mp3_walk w;
    w.pos = walk_start;
    walk_mp3(cx, w, end, h, mp3_cbr_head_frames);
    const bool at_end = !(w.pos < end && end - w.pos >= 4);
    bool done = false;
    if (w.frames == mp3_cbr_head_frames && w.constant && !at_end) {
      bool exact = false;
      if (const std::uint64_t n = cbr_frames(cx, walk_start, end, w.first, exact); n != 0) {
        frames = n;
        a.length_source = exact ? mp3_length_source::cbr : mp3_length_source::estimate;
        done = true;
      }
    }
    if (!done) {
      walk_mp3(cx, w, end, h, max_mp3_frames);
      frames = w.frames;
      a.length_source = mp3_length_source::scan;
      if (w.frames == max_mp3_frames && w.pos < end && end - w.pos >= 4) {
        // The rest at the average size of the frames walked.
        frames += static_cast<std::uint64_t>(
            std::llround(static_cast<double>(end - w.pos) * static_cast<double>(w.frames) / static_cast<double>(w.pos - walk_start)));
        a.length_source = mp3_length_source::estimate;
      }
    }
    if (cx.in.io_failed()) return cx.fail(probe_errc::io_error, ""), probe_error{};
    if (frames == 0) {
      cx.fail(probe_errc::malformed, "MP3: no complete audio frame");
      return probe_error{};
    }
  }
  a.mp3_frames = frames;
  const double samples = static_cast<double>(frames) * h.samples;
  a.duration = samples / h.sample_rate;
  if (a.encoder_delay && a.encoder_padding && samples >= *a.encoder_delay + *a.encoder_padding)
    a.gapless_duration = (samples - *a.encoder_delay - *a.encoder_padding) / h.sample_rate;
  return a;
}

}  // namespace seedance::detail::probe

#endif  // SEEDANCE_DETAIL_PROBE_AUDIO_HPP

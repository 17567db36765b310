// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Internals of <seedance/probe.hpp>: the byte source, the big/little-endian readers, the error state
// and the safety bounds. Include <seedance/probe.hpp>, not this header.
#ifndef SEEDANCE_DETAIL_PROBE_CORE_HPP
#define SEEDANCE_DETAIL_PROBE_CORE_HPP

#ifndef SEEDANCE_PROBE_HPP
#error "include <seedance/probe.hpp>"
#endif

#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

namespace seedance::detail::probe {

// --- safety bounds (docs/probe.md lists them) ----------------------------------------------------
/// Bytes a path-based probe reads at once (and the largest single header it looks at).
inline constexpr std::size_t window_size = 16 * 1024;
/// Boxes (ISO BMFF), chunks (RIFF, PNG), or marker segments and fill bytes (JPEG) visited in one
/// file, all levels. (ISO BMFF nesting needs no bound of its own: only the boxes of a fixed grammar
/// are entered, at most 5 levels deep, moov > trak > mdia > minf > stbl; see probe_bmff.hpp.)
inline constexpr std::uint32_t max_boxes = 100'000;
/// Table entries (stts, trun, elst) summed for one track; beyond, that track's sums are partial
/// (the frame rate is estimated; a duration that would come from them is not reported as exact).
inline constexpr std::uint64_t max_table_entries = 1u << 20;
/// Table entries summed in one file, all tracks together.
inline constexpr std::uint64_t max_file_table_entries = 1u << 22;
/// MP3 frames walked when there is no Xing/VBRI header and the bitrate varies (VBR); beyond, the
/// rest is estimated. 4,096 frames: 107 s at 44.1 kHz, 98 s at 48 kHz, 295 s at 8 kHz (MPEG-2.5),
/// far past the rules' 15 s, and at most 0.5 ms of reading from a warm cache.
inline constexpr std::uint32_t max_mp3_frames = 1u << 12;
/// MP3 frames walked before the CBR arithmetic is tried (all of one bitrate: constant bitrate).
inline constexpr std::uint32_t mp3_cbr_head_frames = 32;
/// Bytes searched for the first MP3 frame after the ID3v2 tags.
inline constexpr std::uint64_t max_mp3_sync_search = 64 * 1024;
/// Bytes searched for the next header of a free-format MP3 frame, and free-format candidates checked.
inline constexpr std::uint64_t max_free_format_frame = 8 * 1024;
inline constexpr int max_free_format_checks = 16;
/// Tracks of an MP4/MOV whose facts are kept (later tracks are ignored).
inline constexpr std::size_t max_tracks = 16;
/// EXIF IFD0 entries looked at.
inline constexpr std::uint32_t max_ifd_entries = 512;
/// Bytes at the end of a PNG or JPEG searched for its trailer (IEND, EOI): writers and apps leave
/// bytes after it (a few padding bytes, a small trailer), so the trailer is looked for in this window,
/// not at the last byte. One read near the end of the file, never more (docs/probe.md, "Truncation").
inline constexpr std::size_t tail_window = 4096;

// --- bytes ---------------------------------------------------------------------------------------
inline std::uint16_t be16(const std::uint8_t* p) noexcept { return static_cast<std::uint16_t>(p[0] << 8 | p[1]); }
inline std::uint32_t be24(const std::uint8_t* p) noexcept {
  return static_cast<std::uint32_t>(p[0]) << 16 | static_cast<std::uint32_t>(p[1]) << 8 | p[2];
}
inline std::uint32_t be32(const std::uint8_t* p) noexcept {
  return static_cast<std::uint32_t>(p[0]) << 24 | static_cast<std::uint32_t>(p[1]) << 16 | static_cast<std::uint32_t>(p[2]) << 8 | p[3];
}
inline std::uint64_t be64(const std::uint8_t* p) noexcept { return static_cast<std::uint64_t>(be32(p)) << 32 | be32(p + 4); }
inline std::uint16_t le16(const std::uint8_t* p) noexcept { return static_cast<std::uint16_t>(p[1] << 8 | p[0]); }
inline std::uint32_t le24(const std::uint8_t* p) noexcept {
  return static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[1]) << 8 | p[0];
}
inline std::uint32_t le32(const std::uint8_t* p) noexcept {
  return static_cast<std::uint32_t>(p[3]) << 24 | static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[1]) << 8 | p[0];
}
inline std::uint64_t le64(const std::uint8_t* p) noexcept { return static_cast<std::uint64_t>(le32(p + 4)) << 32 | le32(p); }
inline bool tag_is(const std::uint8_t* p, const char (&t)[5]) noexcept { return std::memcmp(p, t, 4) == 0; }
constexpr std::uint32_t fourcc(const char (&t)[5]) noexcept {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(t[0])) << 24 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(t[1])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(t[2])) << 8 | static_cast<unsigned char>(t[3]);
}
/// A four-character code as text, non-printable bytes as '?'.
inline std::string fourcc_text(std::uint32_t v) {
  std::string s(4, '?');
  for (int i = 0; i < 4; ++i) {
    const auto c = static_cast<unsigned char>(v >> (24 - 8 * i));
    if (c >= 0x20 && c < 0x7f) s[static_cast<std::size_t>(i)] = static_cast<char>(c);
  }
  return s;
}
/// a + b, or `cap` when the sum would pass it.
constexpr std::uint64_t sat_add(std::uint64_t a, std::uint64_t b, std::uint64_t cap = ~std::uint64_t{0}) noexcept {
  return a > cap || b > cap - a ? cap : a + b;
}
/// a * b, or all ones when it would overflow.
constexpr std::uint64_t sat_mul(std::uint64_t a, std::uint64_t b) noexcept {
  if (a != 0 && b > ~std::uint64_t{0} / a) return ~std::uint64_t{0};
  return a * b;
}

/// Reads bytes at an offset: a function pointer and a context (no allocation, no virtual call).
/// Returns how many bytes it copied to `out` (fewer than `n` only on an I/O error).
using read_fn = std::size_t (*)(void* context, std::uint64_t offset, std::uint8_t* out, std::size_t n) noexcept;

/// The bytes being probed: a memory buffer, or a read function behind a fixed window of
/// `window_size` bytes (the window is the caller's; nothing is allocated here).
class reader {
 public:
  reader(const std::uint8_t* data, std::uint64_t size) noexcept : mem_(data), size_(data ? size : 0), memory_(true) {}
  reader(read_fn fn, void* ctx, std::uint64_t size, std::uint8_t* window) noexcept : size_(size), fn_(fn), ctx_(ctx), win_(window) {}

  [[nodiscard]] std::uint64_t size() const noexcept { return size_; }
  [[nodiscard]] bool io_failed() const noexcept { return io_failed_; }
  [[nodiscard]] std::uint64_t bytes_read() const noexcept { return memory_ ? 0 : bytes_read_; }

  /// `n` (at most window_size) bytes at `off`, or nullptr when they are not all in the source.
  [[nodiscard]] const std::uint8_t* get(std::uint64_t off, std::size_t n) noexcept {
    if (n > window_size || off > size_ || n > size_ - off) return nullptr;
    if (memory_) return mem_ + off;  // n > 0 implies a non-null mem_ (size_ is 0 otherwise)
    if (io_failed_) return nullptr;
    if (win_len_ != 0 && off >= win_off_ && off - win_off_ <= win_len_ && n <= win_len_ - (off - win_off_)) return win_ + (off - win_off_);
    const std::uint64_t rest = size_ - off;
    const std::size_t len = rest < window_size ? static_cast<std::size_t>(rest) : window_size;
    const std::size_t got = fn_(ctx_, off, win_, len);
    bytes_read_ += got;
    if (got < len) {
      io_failed_ = true;
      win_len_ = 0;
      return nullptr;
    }
    win_off_ = off;
    win_len_ = len;
    return win_;
  }

 private:
  const std::uint8_t* mem_ = nullptr;
  std::uint64_t size_ = 0;
  read_fn fn_ = nullptr;
  void* ctx_ = nullptr;
  std::uint8_t* win_ = nullptr;
  std::uint64_t win_off_ = 0;
  std::size_t win_len_ = 0;
  std::uint64_t bytes_read_ = 0;
  bool memory_ = false;
  bool io_failed_ = false;
};

/// The first failure of a probe: its code and message.
struct failure {
  probe_errc code = probe_errc::malformed;
  std::string message;
};

/// Shared state of one probe: the bytes, the first error, and the work done so far.
struct context {
  reader& in;
  bool failed = false;
  failure error{};
  std::uint32_t boxes = 0;               // boxes, chunks or segments visited
  std::uint64_t table_entries = 0;       // table entries summed

  /// Records the first error and returns false (so that `return fail(...)` ends a parser).
  bool fail(probe_errc c, std::string msg) {
    if (!failed) {
      failed = true;
      error.code = in.io_failed() ? probe_errc::io_error : c;
      error.message = in.io_failed() ? "reading the file failed" : std::move(msg);
    }
    return false;
  }
  /// `n` bytes at `off`, or nullptr after recording `truncated` (or `io_error`) with `what`.
  const std::uint8_t* need(std::uint64_t off, std::size_t n, std::string_view what) {
    const std::uint8_t* p = in.get(off, n);
    if (!p) fail(probe_errc::truncated, std::string(what) + " at offset " + std::to_string(off) + " runs past the end of the file");
    return p;
  }
  /// Counts one visited box/chunk/segment (or JPEG fill byte); false (with an error) past max_boxes.
  bool count_box(std::string_view what = "boxes, chunks or segments") {
    if (++boxes <= max_boxes) return true;
    return fail(probe_errc::unsupported, "more than " + std::to_string(max_boxes) + " " + std::string(what));
  }
};

/// EXIF (TIFF) orientation: the Orientation tag of IFD0 in the `len` bytes at `base`, or 0.
/// Never fails the probe: a damaged EXIF block only means "no orientation".
inline std::uint8_t exif_orientation(context& cx, std::uint64_t base, std::uint64_t len) {
  if (len < 8) return 0;
  const std::uint8_t* h = cx.in.get(base, 8);
  if (!h) return 0;
  bool le = false;
  if (h[0] == 'I' && h[1] == 'I' && h[2] == 42 && h[3] == 0) le = true;
  else if (!(h[0] == 'M' && h[1] == 'M' && h[2] == 0 && h[3] == 42)) return 0;
  auto u16 = [le](const std::uint8_t* p) { return le ? le16(p) : be16(p); };
  auto u32 = [le](const std::uint8_t* p) { return le ? le32(p) : be32(p); };
  const std::uint64_t ifd = u32(h + 4);
  if (ifd > len || len - ifd < 2) return 0;
  const std::uint8_t* c = cx.in.get(base + ifd, 2);
  if (!c) return 0;
  std::uint32_t n = u16(c);
  if (n > max_ifd_entries) n = max_ifd_entries;
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint64_t at = ifd + 2 + std::uint64_t{12} * i;
    if (at > len || len - at < 12) return 0;
    const std::uint8_t* e = cx.in.get(base + at, 12);
    if (!e) return 0;
    if (u16(e) == 0x0112) {
      if (u16(e + 2) != 3 || u32(e + 4) < 1) return 0;  // SHORT, count >= 1
      const std::uint16_t v = u16(e + 8);
      return v >= 1 && v <= 8 ? static_cast<std::uint8_t>(v) : 0;
    }
  }
  return 0;
}

}  // namespace seedance::detail::probe

#endif  // SEEDANCE_DETAIL_PROBE_CORE_HPP

// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Internals of <seedance/probe.hpp>: PNG (IHDR), JPEG (markers up to the SOF, EXIF orientation) and
// WebP (VP8, VP8L, VP8X). Include <seedance/probe.hpp>, not this header.
#ifndef SEEDANCE_DETAIL_PROBE_IMAGE_HPP
#define SEEDANCE_DETAIL_PROBE_IMAGE_HPP

#include "probe_core.hpp"

namespace seedance::detail::probe {

inline bool looks_png(const std::uint8_t* h, std::size_t n) noexcept {
  static constexpr std::uint8_t sig[8] = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
  return n >= 8 && std::memcmp(h, sig, 8) == 0;
}
inline bool looks_jpeg(const std::uint8_t* h, std::size_t n) noexcept { return n >= 3 && h[0] == 0xff && h[1] == 0xd8 && h[2] == 0xff; }
inline bool looks_webp(const std::uint8_t* h, std::size_t n) noexcept { return n >= 12 && tag_is(h, "RIFF") && tag_is(h + 8, "WEBP"); }

/// Sides of at most 2^31 - 1 (PNG's own limit); zero is malformed.
inline bool plausible_side(std::uint64_t v) noexcept { return v != 0 && v <= 0x7fffffffu; }

/// The last tail_window bytes of the file from `from` on (fewer in a smaller file): one read near the
/// end. `len` receives their count; nullptr (with `io_error` recorded by the caller's next failure)
/// only when the read fails.
inline const std::uint8_t* tail(context& cx, std::uint64_t from, std::size_t& len) {
  const std::uint64_t size = cx.in.size();
  const std::uint64_t start = std::max<std::uint64_t>(from, size > tail_window ? size - tail_window : 0);
  len = start < size ? static_cast<std::size_t>(size - start) : 0;
  if (len == 0) return nullptr;
  return cx.in.get(start, len);
}

inline std::variant<probe_error, image_probe, video_probe, audio_probe> parse_png(context& cx) {
  image_probe img;
  img.format = media_format::png;
  img.lossless = true;
  const std::uint8_t* p = cx.need(8, 25, "PNG IHDR chunk");
  if (!p) return probe_error{};
  if (be32(p) != 13 || !tag_is(p + 4, "IHDR")) {
    cx.fail(probe_errc::malformed, "PNG: the first chunk is not a 13-byte IHDR");
    return probe_error{};
  }
  const std::uint32_t w = be32(p + 8), h = be32(p + 12);
  if (!plausible_side(w) || !plausible_side(h)) {
    cx.fail(probe_errc::malformed, "PNG: IHDR gives a width or height of 0 or over 2^31 - 1");
    return probe_error{};
  }
  img.width = w;
  img.height = h;
  const std::uint8_t colour = p[17];
  img.alpha = colour == 4 || colour == 6;
  // Ancillary chunks before IDAT: eXIf (orientation) and acTL (animation). Headers only; a damaged
  // tail after IHDR leaves the size known and ends the walk.
  std::uint64_t off = 8 + 25;
  for (int i = 0; i < 64; ++i) {
    const std::uint8_t* c = cx.in.get(off, 8);
    if (!c || !cx.count_box()) break;
    const std::uint64_t len = be32(c);
    if (len > 0x7fffffffu || tag_is(c + 4, "IDAT") || tag_is(c + 4, "IEND")) break;
    if (tag_is(c + 4, "acTL")) img.animated = true;
    if (tag_is(c + 4, "eXIf")) {
      const std::uint8_t o = exif_orientation(cx, off + 8, len);
      if (o != 0) img.orientation = o, img.has_exif_orientation = true;
    }
    off += 12 + len;
  }
  if (cx.failed) return probe_error{};
  // Truncation (docs/spec.md section 9): the IEND chunk, whole (length 0, type, and the 4 bytes of its
  // CRC, whose value is not checked), within the last tail_window bytes: bytes after it are
  // tolerated, a file cut anywhere before or inside it is not.
  static constexpr std::uint8_t iend[8] = {0, 0, 0, 0, 'I', 'E', 'N', 'D'};
  std::size_t n = 0;
  const std::uint8_t* t = tail(cx, 8 + 25, n);
  if (!t && n != 0) return cx.fail(probe_errc::io_error, "reading the file failed"), probe_error{};
  const auto whole_iend = [&] {  // from the end back: IEND is the last 12 bytes of most files, found at once
    for (std::size_t at = n >= 12 ? n - 12 + 1 : 0; at-- > 0;)
      if (t[at + 4] == 'I' && std::memcmp(t + at, iend, 8) == 0) return true;
    return false;
  };
  if (!t || !whole_iend()) {
    cx.fail(probe_errc::truncated, "PNG: no IEND chunk in the last " + std::to_string(tail_window) +
                                       " bytes: the image data runs past the end of the file (or more than " + std::to_string(tail_window) +
                                       " bytes follow IEND)");
    return probe_error{};
  }
  return img;
}

inline bool is_sof(std::uint8_t m) noexcept { return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc; }

/// A byte that may follow FF in a JPEG after its first scan header: a stuffed 00, a fill byte, a
/// restart marker, or a marker that may stand between the scans of a progressive or multi-scan image
/// (DHT, DAC, SOS, DQT, DNL, DRI, COM, APPn; T.81 B.2.4, B.6). Any other FF xx is not JPEG data.
inline bool jpeg_scan_byte(std::uint8_t b) noexcept {
  return b == 0x00 || b == 0xff || (b >= 0xd0 && b <= 0xd7) || b == 0xc4 || b == 0xcc || (b >= 0xda && b <= 0xdd) || b == 0xfe ||
         (b >= 0xe0 && b <= 0xef);
}

/// Truncation of a JPEG whose scan data starts at `scan` (after its first SOS segment): one read of
/// the last tail_window bytes. An EOI marker (FF D9) in them: whole. No EOI, and the bytes read can
/// be JPEG data (no FF xx that scan data cannot hold: compressed data has an FF every 256 bytes or
/// so, a flat image's scan may be all zeros), or they are all the scan data there is: the file was
/// cut inside the image. Bytes that are not JPEG data (a trailer longer than the window, a phone's
/// motion-photo video appended after EOI) are not the probe's to judge: no verdict, the image is
/// reported. A false alarm needs more than 4 KiB appended after EOI without any such FF xx (zero
/// padding, plain text); docs/probe.md.
inline bool jpeg_tail(context& cx, std::uint64_t scan) {
  std::size_t n = 0;
  const std::uint8_t* t = tail(cx, scan, n);
  if (n == 0)
    return cx.fail(probe_errc::truncated,
                   "JPEG: the file ends right after its scan header (SOS) at offset " + std::to_string(scan) + ": no scan data");
  if (!t) return cx.fail(probe_errc::io_error, "reading the file failed");
  for (std::size_t i = n - 1; i-- > 0;)  // EOI, from the end back: the last 2 bytes of most files, found at once
    if (t[i + 1] == 0xd9 && t[i] == 0xff) return true;
  bool foreign = false;
  for (std::size_t i = 0; i + 1 < n && !foreign; ++i)
    if (t[i] == 0xff) foreign = !jpeg_scan_byte(t[i + 1]);
  const bool whole_scan = cx.in.size() - scan == n;  // the window holds every byte after the scan header
  if (foreign && !whole_scan) return true;
  return cx.fail(probe_errc::truncated, "JPEG: no end-of-image marker (FF D9) in the last " + std::to_string(n) +
                                            " bytes, which read as scan data: the image runs past the end of the file");
}

/// Truncation of a JPEG after its frame header at `off`: the segments up to the first scan header
/// (SOS), each within the file, then jpeg_tail. Only a cut is reported: anything unusual on the way
/// (no marker, EOI before a scan, more than 1,024 segments or fill bytes) ends the check with no
/// verdict, as the probe never read past the frame header before.
inline bool jpeg_complete(context& cx, std::uint64_t off) {
  const std::uint64_t size = cx.in.size();
  for (int steps = 0; steps < 1024; ++steps) {
    if (off >= size || size - off < 2)
      return cx.fail(probe_errc::truncated, "JPEG: the file ends at offset " + std::to_string(size) + ", before its scan data (SOS)");
    const std::uint8_t* p = cx.in.get(off, 2);
    if (!p) return cx.fail(probe_errc::io_error, "reading the file failed");
    if (p[0] != 0xff) return true;
    const std::uint8_t m = p[1];
    if (m == 0xff) {
      ++off;
      continue;
    }
    if (m == 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      off += 2;
      continue;
    }
    if (m == 0xd8 || m == 0xd9 || m == 0x00) return true;
    const std::uint8_t* l = cx.need(off + 2, 2, "JPEG segment length");
    if (!l) return false;
    const std::uint16_t len = be16(l);
    if (len < 2) return true;
    if (len > size - off - 2)
      return cx.fail(probe_errc::truncated, "JPEG: the segment of marker FF " + detail::text::hex2(m, /*upper=*/true) + " at offset " +
                                                std::to_string(off) + " claims " + std::to_string(len) + " bytes; the file has " +
                                                std::to_string(size - off - 2) + " left: it runs past the end of the file");
    off += 2 + std::uint64_t{len};
    if (m == 0xda) return jpeg_tail(cx, off);
  }
  return true;
}

inline std::variant<probe_error, image_probe, video_probe, audio_probe> parse_jpeg(context& cx) {
  image_probe img;
  img.format = media_format::jpeg;
  std::uint64_t off = 2;
  for (;;) {
    if (!cx.count_box("JPEG marker segments and fill bytes")) return probe_error{};
    const std::uint8_t* p = cx.need(off, 2, "JPEG marker");
    if (!p) return probe_error{};
    if (p[0] != 0xff) {
      cx.fail(probe_errc::malformed, "JPEG: no marker at offset " + std::to_string(off));
      return probe_error{};
    }
    std::uint8_t m = p[1];
    while (m == 0xff) {  // fill bytes before a marker: any number (T.81 B.1.1.2), each one counted as work
      if (!cx.count_box("JPEG marker segments and fill bytes")) return probe_error{};
      ++off;
      p = cx.need(off, 2, "JPEG marker");
      if (!p) return probe_error{};
      m = p[1];
    }
    if (m == 0x01 || (m >= 0xd0 && m <= 0xd7)) {  // TEM, RSTn: no length
      off += 2;
      continue;
    }
    if (m == 0xd8 || m == 0xd9 || m == 0xda || m == 0x00) {
      cx.fail(probe_errc::malformed, std::string("JPEG: ") +
                                         (m == 0xda   ? "scan data before any frame header (SOF)"
                                          : m == 0xd9 ? "end of image before any frame header (SOF)"
                                                      : "unexpected marker") +
                                         " at offset " + std::to_string(off));
      return probe_error{};
    }
    const std::uint8_t* l = cx.need(off + 2, 2, "JPEG segment length");
    if (!l) return probe_error{};
    const std::uint16_t len = be16(l);
    if (len < 2) {
      cx.fail(probe_errc::malformed, "JPEG: a segment length under 2 at offset " + std::to_string(off));
      return probe_error{};
    }
    if (is_sof(m)) {
      if (len < 8) {
        cx.fail(probe_errc::malformed, "JPEG: a frame header (SOF) shorter than 8 bytes");
        return probe_error{};
      }
      const std::uint8_t* s = cx.need(off + 4, 6, "JPEG frame header");
      if (!s) return probe_error{};
      const std::uint16_t h = be16(s + 1), w = be16(s + 3);
      if (w == 0) {
        cx.fail(probe_errc::malformed, "JPEG: a frame header with width 0");
        return probe_error{};
      }
      if (h == 0) {
        cx.fail(probe_errc::unsupported, "JPEG: the height is given by a DNL marker after the first scan");
        return probe_error{};
      }
      img.width = w;
      img.height = h;
      img.progressive = m == 0xc2 || m == 0xc6 || m == 0xca || m == 0xce;
      img.lossless = m == 0xc3 || m == 0xc7 || m == 0xcb || m == 0xcf;
      if (len > cx.in.size() - off - 2) {
        cx.fail(probe_errc::truncated, "JPEG: the frame header (SOF) at offset " + std::to_string(off) + " runs past the end of the file");
        return probe_error{};
      }
      if (!jpeg_complete(cx, off + 2 + std::uint64_t{len})) return probe_error{};
      return img;
    }
    if (m == 0xe1 && len >= 8 + 8 && !img.has_exif_orientation) {
      const std::uint8_t* e = cx.need(off + 4, 6, "JPEG APP1 segment");
      if (!e) return probe_error{};
      if (std::memcmp(e, "Exif\0\0", 6) == 0) {
        const std::uint8_t o = exif_orientation(cx, off + 10, std::uint64_t{len} - 8);
        if (o != 0) img.orientation = o, img.has_exif_orientation = true;
      }
    }
    off += 2 + std::uint64_t{len};
  }
}

inline std::variant<probe_error, image_probe, video_probe, audio_probe> parse_webp(context& cx) {
  image_probe img;
  img.format = media_format::webp;
  const std::uint8_t* r = cx.need(4, 8 + 8 + 10, "WebP first chunk");
  if (!r) return probe_error{};
  // Truncation (docs/spec.md section 9): the RIFF size must fit in the file (bytes after it are tolerated).
  if (8 + std::uint64_t{le32(r)} > cx.in.size()) {
    cx.fail(probe_errc::truncated, "WebP: the RIFF header claims " + std::to_string(8 + std::uint64_t{le32(r)}) + " bytes; the file has " +
                                       std::to_string(cx.in.size()) + ": it runs past the end of the file");
    return probe_error{};
  }
  const std::uint64_t riff_end = 8 + std::uint64_t{le32(r)};
  const std::uint8_t* c = r + 8;
  const std::uint8_t* d = c + 8;
  if (tag_is(c, "VP8 ")) {
    if ((d[0] & 1) != 0 || d[3] != 0x9d || d[4] != 0x01 || d[5] != 0x2a) {
      cx.fail(probe_errc::malformed, "WebP: the VP8 chunk does not start with a key frame");
      return probe_error{};
    }
    img.width = le16(d + 6) & 0x3fffu;
    img.height = le16(d + 8) & 0x3fffu;
  } else if (tag_is(c, "VP8L")) {
    if (d[0] != 0x2f) {
      cx.fail(probe_errc::malformed, "WebP: the VP8L chunk lacks its signature byte");
      return probe_error{};
    }
    const std::uint32_t b = le32(d + 1);
    img.width = (b & 0x3fffu) + 1;
    img.height = ((b >> 14) & 0x3fffu) + 1;
    img.alpha = ((b >> 28) & 1u) != 0;
    img.lossless = true;
  } else if (tag_is(c, "VP8X")) {
    img.alpha = (d[0] & 0x10) != 0;
    img.animated = (d[0] & 0x02) != 0;
    img.width = le24(d + 4) + 1;
    img.height = le24(d + 7) + 1;
    // Lossless or not, and EXIF orientation: the chunks after VP8X (headers only).
    std::uint64_t off = 12 + 8 + std::uint64_t{le32(c + 4)} + (le32(c + 4) & 1u);
    bool want_exif = (d[0] & 0x08) != 0, seen_image = false;  // c and d are not used after this
    for (int i = 0; i < 64 && (want_exif || !seen_image) && off < riff_end; ++i) {
      const std::uint8_t* k = cx.in.get(off, 8);
      if (!k || !cx.count_box()) break;
      const std::uint32_t len = le32(k + 4);
      if (tag_is(k, "VP8L")) img.lossless = true;
      if (tag_is(k, "VP8L") || tag_is(k, "VP8 ") || tag_is(k, "ANMF")) seen_image = true;
      if (tag_is(k, "EXIF")) {
        std::uint64_t base = off + 8, n = len;
        if (const std::uint8_t* x = cx.in.get(base, 6); x && n >= 6 && std::memcmp(x, "Exif\0\0", 6) == 0) base += 6, n -= 6;
        const std::uint8_t o = exif_orientation(cx, base, n);
        if (o != 0) img.orientation = o, img.has_exif_orientation = true;
        want_exif = false;
      }
      off += 8 + std::uint64_t{len} + (len & 1u);
    }
    if (cx.failed) return probe_error{};
  } else {
    cx.fail(probe_errc::unsupported, "WebP: the first chunk is '" + fourcc_text(be32(c)) + "', not VP8, VP8L or VP8X");
    return probe_error{};
  }
  if (img.width == 0 || img.height == 0) {
    cx.fail(probe_errc::malformed, "WebP: a width or height of 0");
    return probe_error{};
  }
  return img;
}

}  // namespace seedance::detail::probe

#endif  // SEEDANCE_DETAIL_PROBE_IMAGE_HPP

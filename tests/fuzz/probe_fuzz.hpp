// The body of the three probe fuzz targets (fuzz_probe_image/video/audio.cpp): probe arbitrary bytes
// as one kind of media, from memory and through the windowed (file-like) reader; a crash, a sanitizer
// report, an escaping exception, a result that breaks its own invariants, or the two readers
// disagreeing is a finding. The image target also probes each input as the Base64 payload of a data:
// URI (probe_data_uri's on-demand reader must agree with the buffer) and as a data URI's text.
#ifndef SEEDANCE_FUZZ_PROBE_HPP
#define SEEDANCE_FUZZ_PROBE_HPP

#include <seedance/probe.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>

namespace probe_fuzz {
inline void check(const seedance::probe_result& r, std::size_t size) {
  using namespace seedance;
  if (r.bytes != size) std::abort();
  if (const probe_error* e = r.error()) {
    if (e->message.empty() || to_string(e->code).empty()) std::abort();
    return;
  }
  if (!r.properties()) std::abort();
  const auto bad = [](double d) { return !std::isfinite(d) || d < 0; };
  if (const image_probe* p = r.image()) {
    if (p->width == 0 || p->height == 0 || p->orientation < 1 || p->orientation > 8) std::abort();
  } else if (const video_probe* p = r.video()) {
    if (bad(p->duration) || bad(p->track_duration) || bad(p->fps) || p->rotation % 90 != 0 || p->rotation < 0 || p->rotation >= 360)
      std::abort();
  } else if (const audio_probe* p = r.audio()) {
    if (bad(p->duration) || p->sample_rate == 0 || (p->gapless_duration && bad(*p->gapless_duration))) std::abort();
    if (p->format == media_format::mp3 && (p->length_source == mp3_length_source::none || p->mp3_frames == 0)) std::abort();
  }
}
inline bool same(const seedance::probe_result& a, const seedance::probe_result& b) {
  if (a.value.index() != b.value.index()) return false;
  if (a.error()) return a.error()->code == b.error()->code;
  if (a.image()) return a.image()->width == b.image()->width && a.image()->height == b.image()->height;
  if (a.video()) return a.video()->frames == b.video()->frames && a.video()->width == b.video()->width;
  return a.audio()->duration == b.audio()->duration;
}

/// Images arrive as data: URIs too (docs/spec.md section 9): the input as the Base64 payload of one must
/// probe as the input itself (the on-demand Base64 reader against the buffer), and the input as a
/// URI's text must parse without a crash and with a reason for any refusal.
inline void data_uri(const std::uint8_t* data, std::size_t size, const seedance::probe_result& direct,
                     const seedance::probe_options& only) {
  static const char* digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string uri = "data:image/png;base64,";
  for (std::size_t i = 0; i < size; i += 3) {
    const std::uint32_t w =
        std::uint32_t{data[i]} << 16 | (i + 1 < size ? std::uint32_t{data[i + 1]} << 8 : 0u) | (i + 2 < size ? data[i + 2] : 0u);
    uri += digits[w >> 18 & 63];
    uri += digits[w >> 12 & 63];
    uri += i + 1 < size ? digits[w >> 6 & 63] : '=';
    uri += i + 2 < size ? digits[w & 63] : '=';
  }
  const seedance::data_uri_probe d = seedance::probe_data_uri(uri, only);
  if (d.error != seedance::data_uri_errc::none || d.decoded_bytes != size) std::abort();
  check(d.probe, size);
  if (!same(direct, d.probe)) std::abort();
  const seedance::data_uri_probe t = seedance::probe_data_uri(std::string_view(reinterpret_cast<const char*>(data), size), only);
  if (t.error != seedance::data_uri_errc::none && t.message.empty()) std::abort();
  if (t.error == seedance::data_uri_errc::none) check(t.probe, static_cast<std::size_t>(t.decoded_bytes));
}

inline int run(const std::uint8_t* data, std::size_t size, seedance::media_kind kind) {
  const seedance::probe_options only{kind};
  const seedance::probe_result r = seedance::probe(std::span<const std::uint8_t>(data, size), only);  // noexcept
  check(r, size);
  auto read = [&](std::uint64_t off, std::uint8_t* out, std::size_t n) -> std::size_t {
    if (off > size) return 0;
    const std::size_t k = static_cast<std::size_t>(std::min<std::uint64_t>(n, size - off));
    std::copy_n(data + off, k, out);
    return k;
  };
  const seedance::probe_result w = seedance::probe(read, size, only);
  check(w, size);
  if (!same(r, w)) std::abort();
  if (kind == seedance::media_kind::image) data_uri(data, size, r, only);
  return 0;
}

}  // namespace probe_fuzz

#endif  // SEEDANCE_FUZZ_PROBE_HPP

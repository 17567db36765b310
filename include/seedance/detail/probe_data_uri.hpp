// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/probe.hpp> (include that, not this header): data: URIs (RFC 2397) probed without
// decoding them whole. docs/spec.md section 9, "Base64 media by mode": a data: image is checked like a
// file, its decoded bytes probed and its decoded size counted against the image size limit.
//
//   seedance::data_uri_probe d = seedance::probe_data_uri(url, {.only = seedance::media_kind::image});
//   if (d.error != seedance::data_uri_errc::none) ...;      // d.message: why (malformed Base64, ...)
//   else if (auto why = d.image_type_problem()) ...;        // declared type not image/jpeg|png|webp
//   else if (!d.probe) ...;                                  // d.probe.error(): not an image, truncated...
//   else media[url] = *d.properties();                       // format, displayed size, decoded bytes
//
// Cost: one linear scan of the payload for the Base64 alphabet (no allocation, no decoding), then
// the probe reads the decoded bytes through its 16 KiB window, each window decoded on demand from the
// characters at its offset (4 characters make 3 bytes: random access). Nothing is allocated in
// proportion to the payload. docs/probe.md, "Data URIs".
#ifndef SEEDANCE_DETAIL_PROBE_DATA_URI_HPP
#define SEEDANCE_DETAIL_PROBE_DATA_URI_HPP

#ifndef SEEDANCE_PROBE_HPP
#error "include <seedance/probe.hpp>"
#endif

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seedance {

/// Why a data: URI was not probed.
enum class data_uri_errc : std::uint8_t {
  none,          ///< a well-formed ";base64" data URI: `probe` holds the probe of its decoded bytes
  not_data_uri,  ///< the string does not start with "data:" (any case)
  malformed,     ///< no ',' after the header, or its Base64 is not well-formed (bad character, length, padding)
  not_base64,    ///< a data URI without ";base64" (percent-encoded bytes): not probed
};

template <>
struct enum_strings<data_uri_errc> {
  static constexpr std::array<std::string_view, 4> values{"none", "not_data_uri", "malformed", "not_base64"};
};

/// What probe_data_uri found.
struct data_uri_probe {
  data_uri_errc error = data_uri_errc::not_data_uri;
  std::string message;        ///< one sentence when `error` is not none (where the Base64 goes wrong, ...)
  /// The declared media type, "type/subtype" in lower case without its parameters; "" when the URI
  /// declares none (RFC 2397's default is text/plain).
  std::string media_type;
  bool base64 = false;             ///< the header ends with ";base64"
  std::uint64_t payload_chars = 0;  ///< characters after the ','
  /// Decoded bytes, from the payload's length and padding (never by decoding): 3 per 4 characters,
  /// less one per '='. Set when error is none.
  std::uint64_t decoded_bytes = 0;
  /// The probe of the decoded bytes (its `bytes` is decoded_bytes); an error result unless error is none.
  probe_result probe;

  /// A well-formed data URI whose decoded bytes probed successfully.
  [[nodiscard]] bool ok() const noexcept { return error == data_uri_errc::none && probe.ok(); }
  /// The declared type as a format: image/png, image/jpeg (and the common image/jpg), image/webp; else other.
  [[nodiscard]] media_format declared_format() const noexcept {
    if (media_type == "image/png") return media_format::png;
    if (media_type == "image/jpeg" || media_type == "image/jpg") return media_format::jpeg;
    if (media_type == "image/webp") return media_format::webp;
    return media_format::other;
  }
  /// Why the declared type is not an image type the API accepts (rule image_format), or nullopt.
  [[nodiscard]] std::optional<std::string> image_type_problem() const {
    if (declared_format() != media_format::other) return std::nullopt;
    return "the data URI declares " +
           (media_type.empty() ? std::string("no media type (text/plain by default)")
                               : detail::text::quote(media_type, detail::text::name)) +
           ", not an image type the API accepts (image/jpeg, image/png, image/webp)";
  }
  /// The validator's view of the decoded bytes (format, displayed width and height, decoded byte
  /// count), as probe_result::properties(); nullopt when the URI is not well-formed or the probe failed.
  [[nodiscard]] std::optional<media_properties> properties() const {
    return error == data_uri_errc::none ? probe.properties() : std::nullopt;
  }
};

namespace detail::probe {

/// The value of a Base64 character (RFC 4648 section 4, the standard alphabet), 64 for '=', 255 for
/// any other byte.
inline constexpr std::array<std::uint8_t, 256> base64_values = [] {
  std::array<std::uint8_t, 256> t{};
  for (auto& v : t) v = 255;
  for (int i = 0; i < 26; ++i) t[static_cast<std::size_t>('A' + i)] = static_cast<std::uint8_t>(i);
  for (int i = 0; i < 26; ++i) t[static_cast<std::size_t>('a' + i)] = static_cast<std::uint8_t>(26 + i);
  for (int i = 0; i < 10; ++i) t[static_cast<std::size_t>('0' + i)] = static_cast<std::uint8_t>(52 + i);
  t['+'] = 62;
  t['/'] = 63;
  t['='] = 64;
  return t;
}();

/// Base64 text whose well-formedness has been checked: `size` decoded bytes.
struct base64_source {
  const char* text = nullptr;
  std::uint64_t size = 0;
};

/// The probe's read function over Base64 text: the decoded bytes [off, off + n), decoded from the
/// characters of the quantums that hold them (byte i is in the quantum at character 4 x (i / 3)).
inline std::size_t read_base64(void* c, std::uint64_t off, std::uint8_t* out, std::size_t n) noexcept {
  const auto* b = static_cast<const base64_source*>(c);
  if (off > b->size || n > b->size - off) return 0;
  std::size_t done = 0;
  std::uint64_t q = off / 3;
  unsigned skip = static_cast<unsigned>(off % 3);
  while (done < n) {
    const auto* s = reinterpret_cast<const unsigned char*>(b->text + 4 * q);
    const auto v = [](unsigned char ch) { return std::uint32_t{base64_values[ch]} & 63u; };  // '=' (64) decodes as 0
    const std::uint32_t w = v(s[0]) << 18 | v(s[1]) << 12 | v(s[2]) << 6 | v(s[3]);
    const std::uint8_t three[3] = {static_cast<std::uint8_t>(w >> 16), static_cast<std::uint8_t>(w >> 8), static_cast<std::uint8_t>(w)};
    for (unsigned k = skip; k < 3 && done < n; ++k) out[done++] = three[k];
    skip = 0;
    ++q;
  }
  return done;
}

/// The first character of `text` that is not one of the 64 Base64 digits ('=' included), or text.size(). One
/// pass without branches on the data (the OR of the table's flags), then a search only if it failed.
inline std::size_t base64_bad_char(std::string_view text) noexcept {
  unsigned char any = 0;  // values 64 ('=') and 255 (not Base64) have bit 6 set, the 64 digits not
  for (const char ch : text) any |= static_cast<unsigned char>(base64_values[static_cast<unsigned char>(ch)] & 0x40u);
  if (any == 0) return text.size();
  for (std::size_t i = 0; i < text.size(); ++i)
    if (base64_values[static_cast<unsigned char>(text[i])] >= 64) return i;
  return text.size();
}

inline char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
inline bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

}  // namespace detail::probe

/// Whether `url` is a data: URI (RFC 2397): it starts with "data:", the scheme in any case (RFC 3986).
[[nodiscard]] constexpr bool is_data_uri(std::string_view url) noexcept {
  if (url.size() < 5 || url[4] != ':') return false;
  for (std::size_t i = 0; i < 4; ++i) {
    const char c = url[i] >= 'A' && url[i] <= 'Z' ? static_cast<char>(url[i] - 'A' + 'a') : url[i];
    if (c != "data"[i]) return false;
  }
  return true;
}

/// Parses `data:[<mediatype>][;base64],<data>` and probes the decoded bytes without decoding them
/// whole (the probe reads them through its 16 KiB window, decoded on demand). Never throws.
///
/// The Base64 must be what a strict decoder takes (RFC 4648 section 4): the standard alphabet, a
/// length that is a multiple of 4, and '=' only as the last one or two characters. Whitespace,
/// line breaks, percent-encoded characters ("%2B") and the URL-safe alphabet ('-', '_') are
/// `malformed`, with the offending character's position: none of them belongs in a URL sent as
/// JSON, and the provider's decoder cannot be assumed to undo them. (The bits that padding leaves
/// unused are not checked: decoders ignore them.) A data URI without ";base64" is `not_base64`,
/// not probed: its bytes would be percent-encoded, which the probe cannot read at random offsets.
[[nodiscard]] inline data_uri_probe probe_data_uri(std::string_view uri, const probe_options& opt = {}) noexcept {
  data_uri_probe d;
  try {
    d.probe.value = probe_error{probe_errc::unrecognized_format, "the data URI was not probed"};
    if (!is_data_uri(uri)) {
      d.message = "not a data: URI";
      return d;
    }
    const std::string_view rest = uri.substr(5);
    const std::size_t comma = rest.find(',');
    if (comma == std::string_view::npos) {
      d.error = data_uri_errc::malformed;
      d.message = "the data URI has no ',' between its header and its data";
      return d;
    }
    const std::string_view header = rest.substr(0, comma), payload = rest.substr(comma + 1);
    d.payload_chars = payload.size();
    // The media type is up to the first ';'; parameters follow; ";base64" must be the last of them.
    const std::size_t semi = header.find(';');
    const std::string_view type = header.substr(0, semi);
    if (type.size() <= 255) {  // RFC 6838's limit: a longer one is kept out of the result (and is no image type)
      d.media_type.reserve(type.size());
      for (const char c : type) d.media_type.push_back(detail::probe::ascii_lower(c));
    } else {
      d.media_type = "(a media type of " + std::to_string(type.size()) + " characters)";
    }
    const std::size_t last = header.rfind(';');
    d.base64 = last != std::string_view::npos && detail::probe::iequals(header.substr(last + 1), "base64");
    if (!d.base64) {
      d.error = data_uri_errc::not_base64;
      d.message = "the data URI is not Base64 (no ';base64' before its ','): its data is not read";
      return d;
    }
    const std::size_t at = 5 + comma + 1;  // the payload's first character in the URI
    const auto where = [&](std::size_t i) { return "at offset " + std::to_string(at + i) + " of the URI"; };
    std::size_t pad = 0;
    while (pad < 2 && pad < payload.size() && payload[payload.size() - 1 - pad] == '=') ++pad;
    const std::string_view body = payload.substr(0, payload.size() - pad);
    if (const std::size_t bad = detail::probe::base64_bad_char(body); bad != body.size()) {
      const auto c = static_cast<unsigned char>(body[bad]);
      d.error = data_uri_errc::malformed;
      if (c == '=') {
        d.message = "the data URI's Base64 has padding ('=') " + where(bad) + ", before its end";
      } else {
        std::string shown;
        if (c == ' ') shown = "a space";
        else if (c == '\n' || c == '\r' || c == '\t') shown = "a line break or tab";
        else if (c == '%') shown = "'%' (percent-encoding is not read: send the Base64 characters themselves)";
        else if (c == '-' || c == '_')
          shown = detail::text::quote(std::string(1, static_cast<char>(c)), detail::text::name) +
                  " (the URL-safe alphabet; the standard one uses '+' and '/')";
        else if (c >= 0x21 && c < 0x7f) shown = detail::text::quote(std::string(1, static_cast<char>(c)), detail::text::name);
        else shown = "the byte " + detail::text::hex_byte(c);
        d.message = "the data URI's Base64 has " + shown + " " + where(bad) + ", outside the Base64 alphabet (A-Z, a-z, 0-9, '+', '/')";
      }
      return d;
    }
    if (payload.size() % 4 != 0) {
      d.error = data_uri_errc::malformed;
      d.message = "the data URI's Base64 is " + std::to_string(payload.size()) +
                  " characters long, not a multiple of 4 (missing or extra padding, or a cut payload)";
      return d;
    }
    d.decoded_bytes = payload.size() / 4 * 3 - pad;
    d.error = data_uri_errc::none;
    detail::probe::base64_source src{payload.data(), d.decoded_bytes};
    std::array<std::uint8_t, detail::probe::window_size> window;
    detail::probe::reader in(detail::probe::read_base64, &src, d.decoded_bytes, window.data());
    d.probe = detail::probe::run(in, opt);
  } catch (...) {  // std::bad_alloc of a message: nothing else throws
    d.probe.value = probe_error{probe_errc::io_error, "out of memory"};
  }
  return d;
}

}  // namespace seedance

#endif  // SEEDANCE_DETAIL_PROBE_DATA_URI_HPP

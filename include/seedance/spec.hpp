// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// THE table. Every fact of the Seedance 2.0 specification that the library uses (enums and their
// wire strings, the models' capabilities, request limits, defaults, output resolutions) is
// written here exactly once. Model traits, the typed request's static checks, runtime validation,
// schema export and the docs all read it; nothing else restates a number from it.
//
// Sources: the provider's overview page of POST /v1/videos/generations and docs/spec.md,
// which follows the newer per-model pages where they differ (4k, mini web_search, adaptive default).
#ifndef SEEDANCE_SPEC_HPP
#define SEEDANCE_SPEC_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <type_traits>

namespace seedance {

// ---------------------------------------------------------------------------------------------
// Enumerations of the spec and their wire strings
// ---------------------------------------------------------------------------------------------

/// Generation mode: what the model takes as input.
enum class mode : std::uint8_t { text_to_video, image_to_video, reference_to_video };

/// Model tier: the standard, fast and mini versions of each mode.
enum class tier : std::uint8_t { standard, fast, mini };

/// Output quality (`"480p"`, `"720p"`, `"1080p"`, `"4k"` on the wire).
enum class quality : std::uint8_t { p480, p720, p1080, p4k };

/// Output aspect ratio (`"16:9"`, ..., `"adaptive"` on the wire).
enum class aspect_ratio : std::uint8_t { r16_9, r9_16, r1_1, r4_3, r3_4, r21_9, adaptive };

/// The three kinds of reference media, each with its own URL array in the request.
enum class media_kind : std::uint8_t { image, video, audio };

/// Wire strings of each enumeration, in enumerator order. `to_string` and `parse` read these.
template <class E>
struct enum_strings;

template <>
struct enum_strings<mode> {
  static constexpr std::array<std::string_view, 3> values{"text-to-video", "image-to-video", "reference-to-video"};
};
template <>
struct enum_strings<tier> {
  static constexpr std::array<std::string_view, 3> values{"standard", "fast", "mini"};
};
template <>
struct enum_strings<quality> {
  static constexpr std::array<std::string_view, 4> values{"480p", "720p", "1080p", "4k"};
};
template <>
struct enum_strings<aspect_ratio> {
  static constexpr std::array<std::string_view, 7> values{"16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "adaptive"};
};
template <>
struct enum_strings<media_kind> {
  static constexpr std::array<std::string_view, 3> values{"image", "video", "audio"};
};

/// An enumeration of the spec: one that has wire strings.
template <class E>
concept spec_enum = std::is_enum_v<E> && requires { enum_strings<E>::values; };

/// The wire string of `e`; an empty view for a value outside the enumeration (never UB).
template <spec_enum E>
[[nodiscard]] constexpr std::string_view to_string(E e) noexcept {
  const auto i = static_cast<std::size_t>(e);
  return i < enum_strings<E>::values.size() ? enum_strings<E>::values[i] : std::string_view{};
}

/// The enumerator whose wire string is exactly `s`, or `std::nullopt`. Never throws.
template <spec_enum E>
[[nodiscard]] constexpr std::optional<E> parse(std::string_view s) noexcept {
  for (std::size_t i = 0; i < enum_strings<E>::values.size(); ++i) {
    if (enum_strings<E>::values[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

/// Named spellings of `parse<E>`, for readers who prefer them.
[[nodiscard]] constexpr std::optional<mode> parse_mode(std::string_view s) noexcept { return parse<mode>(s); }
[[nodiscard]] constexpr std::optional<tier> parse_tier(std::string_view s) noexcept { return parse<tier>(s); }
[[nodiscard]] constexpr std::optional<quality> parse_quality(std::string_view s) noexcept { return parse<quality>(s); }
[[nodiscard]] constexpr std::optional<aspect_ratio> parse_aspect_ratio(std::string_view s) noexcept { return parse<aspect_ratio>(s); }

// ---------------------------------------------------------------------------------------------
// The request body's field names (JSON keys)
// ---------------------------------------------------------------------------------------------

namespace field {
inline constexpr std::string_view model = "model";
inline constexpr std::string_view prompt = "prompt";
inline constexpr std::string_view image_urls = "image_urls";
inline constexpr std::string_view video_urls = "video_urls";
inline constexpr std::string_view audio_urls = "audio_urls";
inline constexpr std::string_view duration = "duration";
inline constexpr std::string_view quality = "quality";
inline constexpr std::string_view aspect_ratio = "aspect_ratio";
inline constexpr std::string_view generate_audio = "generate_audio";
inline constexpr std::string_view content_filter = "content_filter";
inline constexpr std::string_view model_params = "model_params";
inline constexpr std::string_view web_search = "web_search";  // inside model_params
inline constexpr std::string_view callback_url = "callback_url";
}  // namespace field

/// The top-level fields of the request body, in the provider's order.
inline constexpr std::array<std::string_view, 12> request_fields{
    field::model,   field::prompt,       field::image_urls,     field::video_urls,     field::audio_urls,   field::duration,
    field::quality, field::aspect_ratio, field::generate_audio, field::content_filter, field::model_params, field::callback_url};
/// The keys of `model_params`.
inline constexpr std::array<std::string_view, 1> model_params_fields{field::web_search};

/// The URL array that holds media of kind `k`.
[[nodiscard]] constexpr std::string_view urls_field(media_kind k) noexcept {
  constexpr std::array<std::string_view, 3> names{field::image_urls, field::video_urls, field::audio_urls};
  const auto i = static_cast<std::size_t>(k);
  return i < names.size() ? names[i] : std::string_view{};
}

// ---------------------------------------------------------------------------------------------
// Capability data: per mode, per tier, per model (docs/spec.md section 1)
// ---------------------------------------------------------------------------------------------

/// An inclusive range of item counts.
struct count_range {
  std::size_t min = 0;
  std::size_t max = 0;
  [[nodiscard]] constexpr bool contains(std::size_t n) const noexcept { return min <= n && n <= max; }
  [[nodiscard]] constexpr bool allowed() const noexcept { return max > 0; }
  friend constexpr bool operator==(const count_range&, const count_range&) = default;
};

/// A set of qualities, as a bit mask over `quality`.
class quality_set {
 public:
  constexpr quality_set() = default;
  constexpr quality_set(std::initializer_list<quality> qs) noexcept {
    for (quality q : qs) bits_ |= bit(q);
  }
  [[nodiscard]] constexpr bool contains(quality q) const noexcept { return (bits_ & bit(q)) != 0; }
  friend constexpr bool operator==(const quality_set&, const quality_set&) = default;

 private:
  static constexpr std::uint8_t bit(quality q) noexcept {
    const auto i = static_cast<unsigned>(q);
    return i < 8 ? static_cast<std::uint8_t>(1u << i) : 0;
  }
  std::uint8_t bits_ = 0;
};

/// What a mode takes as input. The same for all three tiers.
struct mode_capabilities {
  seedance::mode mode;
  count_range images;
  count_range videos;
  count_range audios;
  /// Audio references are accepted only together with an image or a video (rule audio_needs_visual).
  bool audio_needs_visual;
  /// Images may be `data:` URIs (Base64): base64_media is then a warning and the decoded image is
  /// checked like a file; everywhere else a data: URI is an error (section 9).
  bool data_uri_images;
};

/// Modes, in enumerator order. image-to-video: image 1 is the first frame, image 2 the last frame.
inline constexpr std::array<mode_capabilities, 3> mode_table{{
    {mode::text_to_video, {0, 0}, {0, 0}, {0, 0}, false, false},
    {mode::image_to_video, {1, 2}, {0, 0}, {0, 0}, false, true},
    {mode::reference_to_video, {0, 9}, {0, 3}, {0, 3}, true, false},
}};

/// What a tier offers. Tiers, in enumerator order.
struct tier_capabilities {
  seedance::tier tier;
  quality_set qualities;
};

inline constexpr std::array<tier_capabilities, 3> tier_table{{
    {tier::standard, {quality::p480, quality::p720, quality::p1080, quality::p4k}},
    {tier::fast, {quality::p480, quality::p720}},
    {tier::mini, {quality::p480, quality::p720}},
}};

/// One row per model: the API's id and what is particular to the model. The id is the model's
/// identity: two rows may share a mode and a tier (a provider's dated snapshot of a model, say), never
/// an id. A row's index is its typed tag's name (`model_at<R>`, models.hpp).
struct model_row {
  std::string_view id;
  seedance::mode mode;
  seedance::tier tier;
  bool web_search;  // model_params.web_search (removed from mini text-to-video on 2026-06-25)
};

/// The models, one row each. Adding a model is one row here plus its price row in the pricing feed
/// (docs/design.md, "Adding a model"); the size is deduced, and the tags, the Hana list, validation,
/// the schema and `seedance models` follow from the rows.
inline constexpr auto model_rows = std::to_array<model_row>({
    {"seedance-2.0-text-to-video", mode::text_to_video, tier::standard, true},
    {"seedance-2.0-image-to-video", mode::image_to_video, tier::standard, false},
    {"seedance-2.0-reference-to-video", mode::reference_to_video, tier::standard, false},
    {"seedance-2.0-fast-text-to-video", mode::text_to_video, tier::fast, true},
    {"seedance-2.0-fast-image-to-video", mode::image_to_video, tier::fast, false},
    {"seedance-2.0-fast-reference-to-video", mode::reference_to_video, tier::fast, false},
    {"seedance-2.0-mini-text-to-video", mode::text_to_video, tier::mini, false},
    {"seedance-2.0-mini-image-to-video", mode::image_to_video, tier::mini, false},
    {"seedance-2.0-mini-reference-to-video", mode::reference_to_video, tier::mini, false},
});

// A row's mode and tier index mode_table and tier_table (below); its id is what requests send and
// what every lookup compares: none empty, no two alike.
static_assert(
    [] {
      for (std::size_t i = 0; i < model_rows.size(); ++i) {
        if (model_rows[i].id.empty()) return false;
        for (std::size_t j = 0; j < i; ++j)
          if (model_rows[i].id == model_rows[j].id) return false;
      }
      return true;
    }(),
    "seedance: every row of model_rows needs an id of its own (none empty, no two alike)");

/// Everything known about one model: its row joined with its mode's and its tier's capabilities.
struct model_info {
  std::string_view id;
  seedance::mode mode;
  seedance::tier tier;
  bool web_search;
  count_range images;
  count_range videos;
  count_range audios;
  bool audio_needs_visual;
  bool data_uri_images;
  quality_set qualities;

  [[nodiscard]] constexpr bool supports(seedance::quality q) const noexcept { return qualities.contains(q); }
  /// Whether items of kind `k` may be `data:` URIs (mode_capabilities::data_uri_images).
  [[nodiscard]] constexpr bool accepts_data_uris(media_kind k) const noexcept { return data_uri_images && k == media_kind::image; }
  [[nodiscard]] constexpr count_range media(media_kind k) const noexcept {
    switch (k) {
      case media_kind::image: return images;
      case media_kind::video: return videos;
      case media_kind::audio: return audios;
    }
    return {};
  }
};

// Every table is indexed by its enumeration: keep the rows in enumerator order.
static_assert(
    [] {
      for (std::size_t i = 0; i < mode_table.size(); ++i)
        if (static_cast<std::size_t>(mode_table[i].mode) != i) return false;
      for (std::size_t i = 0; i < tier_table.size(); ++i)
        if (static_cast<std::size_t>(tier_table[i].tier) != i) return false;
      return true;
    }(),
    "seedance: mode_table and tier_table rows must follow enumerator order");

// Said here rather than as an out-of-bounds read in join(): a new mode or tier needs its row first.
static_assert(
    [] {
      for (const model_row& r : model_rows)
        if (static_cast<std::size_t>(r.mode) >= mode_table.size() || static_cast<std::size_t>(r.tier) >= tier_table.size()) return false;
      return true;
    }(),
    "seedance: a row of model_rows names a mode or a tier that has no row in mode_table or tier_table");

namespace detail {
constexpr model_info join(const model_row& r) noexcept {
  const mode_capabilities& m = mode_table[static_cast<std::size_t>(r.mode)];
  const tier_capabilities& t = tier_table[static_cast<std::size_t>(r.tier)];
  return {r.id, r.mode, r.tier, r.web_search, m.images, m.videos, m.audios, m.audio_needs_visual, m.data_uri_images, t.qualities};
}
constexpr std::array<model_info, model_rows.size()> join_all() noexcept {
  std::array<model_info, model_rows.size()> out{};
  for (std::size_t i = 0; i < model_rows.size(); ++i) out[i] = join(model_rows[i]);
  return out;
}
}  // namespace detail

/// The models of the table with all their capabilities: `model_catalog[R]` is row `R` of `model_rows`.
inline constexpr std::array<model_info, model_rows.size()> model_catalog = detail::join_all();

/// The model with API id `id`, or nullptr for an id that is not a row of the table.
[[nodiscard]] constexpr const model_info* find_model(std::string_view id) noexcept {
  for (const model_info& m : model_catalog) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

/// The first model of mode `m` and tier `t` in table order, or nullptr when no row has them.
///
/// The id, not the pair, names a model: several rows may share a mode and a tier (a provider's dated
/// snapshot beside the undated id). The undated row comes first in the table, so this is the model
/// an id without a date names; look a model up by its id (`find_model(id)`) wherever one is at hand.
[[nodiscard]] constexpr const model_info* find_model(seedance::mode m, seedance::tier t) noexcept {
  for (const model_info& info : model_catalog) {
    if (info.mode == m && info.tier == t) return &info;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Request limits and defaults (docs/spec.md sections 2 and 4)
// ---------------------------------------------------------------------------------------------

/// An inclusive integer range.
struct int_range {
  long long min;
  long long max;
  [[nodiscard]] constexpr bool contains(long long v) const noexcept { return min <= v && v <= max; }
};

/// "MB" in the provider's text is read as MiB (1,048,576 bytes): docs/validation.md says why.
inline constexpr std::uint64_t mib = 1024 * 1024;

namespace limits {
/// Output duration in whole seconds.
inline constexpr int_range duration{4, 15};
/// Longest accepted `callback_url`, in characters.
inline constexpr std::size_t callback_url_max_chars = 2048;
/// The serialized request body (rule body_too_large).
inline constexpr std::uint64_t body_max_bytes = 64 * mib;
/// The prompt's hard limit, in the provider's (unpublished) tokens.
inline constexpr std::size_t prompt_max_tokens = 10000;
/// The provider's recommendation: at most this many CJK characters ...
inline constexpr std::size_t prompt_recommended_cjk_chars = 500;
/// ... or this many English words.
inline constexpr std::size_t prompt_recommended_words = 1000;
/// Image-to-video with an explicit aspect ratio: the first frame's width/height may differ from the
/// output's (the resolution table's pixel size, not the nominal ratio) by at most this fraction
/// before the output is cropped or padded visibly (first_frame_aspect_mismatch, section 9).
inline constexpr std::uint64_t first_frame_aspect_tolerance_percent = 2;
}  // namespace limits

// ---------------------------------------------------------------------------------------------
// Media limits (docs/spec.md section 3)
// ---------------------------------------------------------------------------------------------

/// A ratio num/den, compared exactly (no floating point): width/height bounds.
struct ratio {
  std::uint64_t num;
  std::uint64_t den;
};

/// Inclusive bounds on width/height: `min <= w/h <= max`, decided in integers.
struct aspect_bounds {
  ratio min;
  ratio max;
  [[nodiscard]] constexpr bool contains(std::uint64_t w, std::uint64_t h) const noexcept {
    // w/h >= min.num/min.den  <=>  w*min.den >= h*min.num (all positive; sides are < 2^32)
    return h != 0 && w * min.den >= h * min.num && w * max.den <= h * max.num;
  }
};

/// Containers and formats of media, as the probe reports them and the rules name them.
enum class media_format : std::uint8_t { jpeg, png, webp, mp4, mov, wav, mp3, other };

template <>
struct enum_strings<media_format> {
  static constexpr std::array<std::string_view, 8> values{"jpeg", "png", "webp", "mp4", "mov", "wav", "mp3", "other"};
};

/// What one kind of media must be. Durations in seconds; a zero max means "no such limit".
struct media_rules {
  media_kind kind;
  std::array<media_format, 3> formats;  // accepted formats; unused slots are `other`
  std::array<std::string_view, 4> extensions;  // accepted URL path extensions, lower case; empty = unused
  int_range side_px;                    // width and height each
  aspect_bounds aspect;
  int_range pixels;                     // width * height
  int_range fps;                        // frames per second
  int_range duration_s;                 // each item
  long long total_duration_s;           // all items together
  std::uint64_t max_bytes;              // each file

  [[nodiscard]] constexpr bool accepts(media_format f) const noexcept {
    for (media_format x : formats)
      if (x == f && f != media_format::other) return true;
    return false;
  }
};

/// Media rules, in `media_kind` order.
inline constexpr std::array<media_rules, 3> media_table{{
    {media_kind::image,
     {media_format::jpeg, media_format::png, media_format::webp},
     {"jpeg", "jpg", "png", "webp"},
     {300, 6000},
     {{2, 5}, {5, 2}},
     {0, 0},
     {0, 0},
     {0, 0},
     0,
     30 * mib},
    {media_kind::video,
     {media_format::mp4, media_format::mov, media_format::other},
     {"mp4", "mov", "", ""},
     {300, 6000},
     {{2, 5}, {5, 2}},
     {409600, 2086876},
     {24, 60},
     {2, 15},
     15,
     50 * mib},
    {media_kind::audio,
     {media_format::wav, media_format::mp3, media_format::other},
     {"wav", "mp3", "", ""},
     {0, 0},
     {{0, 1}, {0, 1}},
     {0, 0},
     {0, 0},
     {2, 15},
     15,
     15 * mib},
}};

/// The rules of media kind `k`.
[[nodiscard]] constexpr const media_rules& rules_for(media_kind k) noexcept {
  const auto i = static_cast<std::size_t>(k);
  return media_table[i < media_table.size() ? i : 0];
}

static_assert(
    [] {
      for (std::size_t i = 0; i < media_table.size(); ++i)
        if (static_cast<std::size_t>(media_table[i].kind) != i) return false;
      return true;
    }(),
    "seedance: media_table rows must follow media_kind order");

/// The values the API assumes for absent fields.
namespace defaults {
inline constexpr int duration = 5;
inline constexpr seedance::quality quality = quality::p720;
/// Per-model pages since 2026-08-02; the older overview page says 16:9.
inline constexpr seedance::aspect_ratio aspect_ratio = aspect_ratio::adaptive;
inline constexpr bool generate_audio = true;
inline constexpr bool content_filter = true;
inline constexpr bool web_search = false;
}  // namespace defaults

// ---------------------------------------------------------------------------------------------
// Output resolution (docs/spec.md section 4)
// ---------------------------------------------------------------------------------------------

/// A pixel size.
struct resolution {
  int width;
  int height;
  friend constexpr bool operator==(const resolution&, const resolution&) = default;
};

/// Output pixel sizes: rows in `aspect_ratio` order (without adaptive), columns in `quality` order.
inline constexpr std::array<std::array<resolution, 4>, 6> resolution_table{{
    /* 16:9 */ {{{864, 496}, {1280, 720}, {1920, 1080}, {3840, 2160}}},
    /* 9:16 */ {{{496, 864}, {720, 1280}, {1080, 1920}, {2160, 3840}}},
    /* 1:1  */ {{{640, 640}, {960, 960}, {1440, 1440}, {2880, 2880}}},
    /* 4:3  */ {{{752, 560}, {1112, 834}, {1664, 1248}, {3326, 2494}}},
    /* 3:4  */ {{{560, 752}, {834, 1112}, {1248, 1664}, {2494, 3326}}},
    /* 21:9 */ {{{992, 432}, {1470, 630}, {2206, 946}, {4398, 1886}}},
}};

/// The output pixel size for quality `q` and aspect ratio `a`; `std::nullopt` for `adaptive`, whose
/// size is chosen by the provider from the prompt or the media and is not known in advance.
[[nodiscard]] constexpr std::optional<resolution> output_resolution(quality q, aspect_ratio a) noexcept {
  const auto row = static_cast<std::size_t>(a);
  const auto col = static_cast<std::size_t>(q);
  if (row >= resolution_table.size() || col >= resolution_table[row].size()) return std::nullopt;
  return resolution_table[row][col];
}

// ---------------------------------------------------------------------------------------------
// The enumerations' strings against their enumerators and tables
// ---------------------------------------------------------------------------------------------
//
// A string left out of `enum_strings<E>` would compile and print as an empty name, so each
// enumeration is checked here, once, where the tables are all known:
//  * every string is non-empty and no two are alike (otherwise `parse` could not give the value back);
//  * there are as many strings as rows in each table indexed by the enumeration (mode_table,
//    tier_table, media_table, the resolution table's columns for quality and rows for aspect ratio,
//    whose last enumerator, adaptive, has no row), and as many as enumerators: with GCC and Clang
//    the compiler says whether a value names an enumerator (`detail::names_an_enumerator`), so the
//    last string must belong to an enumerator and the next value must not be one. Other compilers
//    skip that last test; the table counts still hold there.
// The enumerators are 0, 1, 2, ... in declaration order (the tables are indexed by them), and each
// table's rows are checked above to name their enumerator, so counts decide the order too.

namespace detail {
/// Every string non-empty, no two alike.
template <spec_enum E>
constexpr bool enum_strings_distinct() noexcept {
  const auto& v = enum_strings<E>::values;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i].empty()) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (v[i] == v[j]) return false;
  }
  return true;
}

#if defined(__GNUC__) || defined(__clang__)
/// Whether `V` is a named enumerator: both compilers spell the template argument in the function's
/// name, `V = seedance::tier::mini` for an enumerator and `V = (seedance::tier)3` for any other value.
template <auto V>
constexpr bool names_an_enumerator() noexcept {
  constexpr std::string_view f = __PRETTY_FUNCTION__;
  constexpr std::size_t at = f.rfind("V = ");
  return at != std::string_view::npos && at + 4 < f.size() && f[at + 4] != '(';
}
/// The strings cover exactly the enumerators 0 .. N-1 (the enumerators are consecutive from 0).
template <spec_enum E>
constexpr bool enum_strings_cover_enumerators() noexcept {
  constexpr std::size_t n = enum_strings<E>::values.size();
  return n > 0 && names_an_enumerator<static_cast<E>(n - 1)>() && !names_an_enumerator<static_cast<E>(n)>();
}
#else
template <spec_enum E>
constexpr bool enum_strings_cover_enumerators() noexcept {
  return true;
}
#endif

template <spec_enum E>
constexpr bool enum_strings_complete() noexcept {
  return enum_strings_distinct<E>() && enum_strings_cover_enumerators<E>();
}
}  // namespace detail

static_assert(detail::enum_strings_complete<mode>() && enum_strings<mode>::values.size() == mode_table.size(),
              "seedance: enum_strings<mode> needs one distinct, non-empty string per mode, one per row of mode_table");
static_assert(detail::enum_strings_complete<tier>() && enum_strings<tier>::values.size() == tier_table.size(),
              "seedance: enum_strings<tier> needs one distinct, non-empty string per tier, one per row of tier_table");
static_assert(detail::enum_strings_complete<media_kind>() && enum_strings<media_kind>::values.size() == media_table.size(),
              "seedance: enum_strings<media_kind> needs one distinct, non-empty string per media kind, one per row "
              "of media_table");
static_assert(detail::enum_strings_complete<quality>() && enum_strings<quality>::values.size() == resolution_table[0].size() &&
                  enum_strings<quality>::values.size() <= 8,
              "seedance: enum_strings<quality> needs one distinct, non-empty string per quality, one per column of "
              "resolution_table (and quality_set holds at most 8)");
static_assert(detail::enum_strings_complete<aspect_ratio>() && enum_strings<aspect_ratio>::values.size() == resolution_table.size() + 1 &&
                  static_cast<std::size_t>(aspect_ratio::adaptive) + 1 == enum_strings<aspect_ratio>::values.size(),
              "seedance: enum_strings<aspect_ratio> needs one distinct, non-empty string per aspect ratio, one per "
              "row of resolution_table and adaptive last");
static_assert(detail::enum_strings_complete<media_format>() &&
                  static_cast<std::size_t>(media_format::other) + 1 == enum_strings<media_format>::values.size(),
              "seedance: enum_strings<media_format> needs one distinct, non-empty string per format, other last");

}  // namespace seedance

#endif  // SEEDANCE_SPEC_HPP

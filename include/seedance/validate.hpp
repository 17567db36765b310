// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Runtime validation: every rule of rules.md sections 2 and 3, all problems in one pass, each as a
// diagnostic with a stable code, a JSON pointer and a message. Reads the same tables as the
// compile-time checks (spec.hpp); nothing here restates a number.
#ifndef SEEDANCE_VALIDATE_HPP
#define SEEDANCE_VALIDATE_HPP

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <initializer_list>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "json.hpp"
#include "media.hpp"
#include "models.hpp"
#include "probe.hpp"
#include "detail/json_text.hpp"
#include "detail/utf8.hpp"
#include "report.hpp"
#include "request.hpp"
#include "spec.hpp"
#include "text_position.hpp"
#include "url.hpp"

namespace seedance {

/// Bounds used by the prompt rules (docs/validation.md explains them).
namespace prompt_bounds {
/// `prompt_too_long` assumes that no tokenizer has a token longer than this many UTF-8 bytes ...
inline constexpr std::size_t max_token_bytes = 128;
/// ... and that none merges two runs of text separated by white space into one token.

/// A prompt of at most this many bytes can be neither over the recommendation nor certainly over
/// the token limit, so the validator only checks that it is valid UTF-8 and not blank: a CJK
/// character takes 3 UTF-8 bytes and a word at least 1, so `3 * cjk + words <= bytes`, which keeps
/// `cjk/500 + words/1000` at most 1 while bytes <= min(1000, 3 * 500); and there are at most as
/// many runs as bytes.
inline constexpr std::size_t quick_bytes = std::min({limits::prompt_recommended_words, 3 * limits::prompt_recommended_cjk_chars,
                                                     limits::prompt_max_tokens});
}  // namespace prompt_bounds

/// The library's own bounds on its work and its output (not the spec's: docs/validation.md).
namespace validation_bounds {
/// JSON text nested deeper than this (arrays and objects) is `invalid_json`, found by a scan of
/// the text before any parsing. RFC 8259 section 9 lets a parser limit nesting; a request body
/// needs 2 levels.
inline constexpr std::size_t max_json_depth = 128;
/// At most this many diagnostics of one code for one group: the items of one media array, the
/// top-level fields, the keys of `model_params`, the prompt's tags, the keys given twice. The
/// rest are counted in one more diagnostic of the same code (so of the same severity).
inline constexpr std::size_t max_repeats = 16;
/// Duplicates of keys the spec does not define are looked for among the first this many distinct
/// such keys of the top-level object (the spec's own keys, at the top level and in
/// `model_params`, are always checked).
inline constexpr std::size_t max_tracked_other_keys = 64;
/// A total of media durations (`video_total_duration`, `audio_total_duration`) counts as over its
/// limit only when it is over by more than this many seconds: the total is a sum of measured
/// durations in binary floating point, and 2.2 + 5.9 + 6.9 is 15.000000000000002 there. One
/// microsecond is far below any container's tick and far above the rounding of a sum.
inline constexpr double total_duration_tolerance_s = 1e-6;
}  // namespace validation_bounds

/// How to validate.
struct validate_options {
  /// The provider's own validator rejects parameters a model does not define; by default the
  /// library warns (`unknown_field`, `field_ignored`), in strict mode both are errors.
  bool strict = false;
};

/// What the prompt rules measured of a prompt.
struct prompt_stats {
  bool valid_utf8 = true;
  std::size_t bytes = 0;
  std::size_t code_points = 0;
  std::size_t cjk = 0;         ///< CJK ideographs, kana, hangul, CJK and full-width punctuation
  std::size_t words = 0;       ///< runs of other visible characters with a letter or digit
  std::size_t runs = 0;        ///< runs of characters other than white space (white space separates)
  bool blank = true;           ///< empty, or only white space
  /// A lower bound on the prompt's length in tokens for any reasonable tokenizer.
  [[nodiscard]] std::size_t min_tokens() const noexcept {
    const std::size_t by_bytes = (bytes + prompt_bounds::max_token_bytes - 1) / prompt_bounds::max_token_bytes;
    return std::max(runs, by_bytes);
  }
  /// Over the provider's recommendation: CJK characters count against 500, words against 1,000,
  /// and a mix against both (cjk/500 + words/1000 > 1).
  [[nodiscard]] bool over_recommendation() const noexcept {
    return cjk * limits::prompt_recommended_words + words * limits::prompt_recommended_cjk_chars >
           limits::prompt_recommended_cjk_chars * limits::prompt_recommended_words;
  }
};

namespace detail {

// --- small text helpers -------------------------------------------------------------------------

/// Unicode's White_Space property (PropList.txt): the only characters that separate runs of text
/// for the token bound, and the only ones a blank prompt may hold.
constexpr bool is_white_space(char32_t c) noexcept {
  if (c < 0x80) return c == 0x20 || (c >= 0x09 && c <= 0x0D);  // the common cases first
  if (c > 0x3000) return false;                                  // CJK and beyond
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

/// Invisible format characters (zero-width space, joiners, word joiner, BOM): not White_Space, so
/// they neither make a prompt blank nor separate runs (a tokenizer may merge across them), but
/// they do end a word for the recommendation's word count.
constexpr bool is_invisible_format(char32_t c) noexcept {
  return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

/// CJK ideographs (all planes), kana, hangul, CJK symbols and punctuation, full-width forms.
constexpr bool is_cjk(char32_t c) noexcept {
  if (c < 0x1100) return false;                   // Latin, Greek, Cyrillic, ...: the common case
  if (c >= 0x4E00 && c <= 0x9FFF) return true;    // CJK Unified Ideographs: the next most common
  return (c <= 0x11FF) || (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3001 && c <= 0x303F) ||
         (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3130 && c <= 0x318F) || (c >= 0x31F0 && c <= 0x31FF) ||
         (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3134F);
}

constexpr bool is_word_char(char32_t c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/// Number of code points (or of bytes, for invalid UTF-8).
inline std::size_t length_in_chars(std::string_view s) {
  std::size_t n = 0;
  return for_each_code_point(s, [&](char32_t) { ++n; }) ? n : s.size();
}

/// RFC 6901: `~` as `~0`, `/` as `~1`.
inline std::string pointer(std::string_view key) {
  std::string out;
  locate::append_token(out, key);
  return out;
}
inline std::string pointer(std::string_view key, std::size_t index) { return pointer(key) + "/" + std::to_string(index); }

/// A string value shown in a message: quoted, control characters escaped, long values cut.
inline std::string show_text(std::string_view s, std::size_t max = 80) {
  std::string out = "\"";
  std::size_t shown = 0;
  for (char c : s) {
    if (shown == max) {
      out += "...";
      break;
    }
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || c == '"' || c == '\\') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", u);
      out += buf;
    } else {
      out += c;
    }
    ++shown;
  }
  out += '"';
  if (s.size() > max) out += " (" + std::to_string(s.size()) + " bytes)";
  return out;
}

inline std::string number(double v, int places = 3) {
  char buf[400];  // %f of 1e308 has 309 digits
  std::snprintf(buf, sizeof buf, "%.*f", places, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

/// `v` as number() writes it, with more places (up to 9) where 3 would write it as one of the
/// `limits` it differs from: "2.50042 is outside 0.4..2.5", not "2.5 is outside 0.4..2.5".
inline std::string number_apart(double v, std::initializer_list<double> limits) {
  int places = 3;
  for (; places < 9; ++places) {
    const std::string s = number(v, places);
    bool clash = false;
    for (double l : limits) clash = clash || (v != l && s == number(l, places));
    if (!clash) return s;
  }
  return number(v, places);
}

/// The message of `invalid_url` for `s`, which parse_url_view refuses: what is wrong, in the URL
/// parser's words. Not only a missing scheme or host: the API's URLs are `format: uri` (RFC 3986),
/// so a non-ASCII byte or a '[' in a query must be percent-encoded.
inline std::string invalid_url_message(std::string_view s) {
  url_view u;
  std::string why;
  (void)parse_url_view(s, u, &why);
  return show_text(s) + " is not a valid absolute URL (RFC 3986, the API's format: uri): " + why;
}

inline std::string mebibytes(std::uint64_t bytes) {
  return number(static_cast<double>(bytes) / static_cast<double>(mib)) + " MiB";
}

inline std::string join(const std::vector<std::string_view>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

/// "a", "a and b", "a, b and c".
inline std::string join_and(const std::vector<std::string_view>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

/// The longest prefix of a name that `edit_distance` looks at: bounded work per pair.
inline constexpr std::size_t edit_distance_max_length = 64;

/// Levenshtein distance, for "did you mean" (inputs are cut to 64 bytes: bounded work).
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  a = a.substr(0, edit_distance_max_length);
  b = b.substr(0, edit_distance_max_length);
  std::array<std::size_t, edit_distance_max_length + 1> prev{}, cur{};
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    prev = cur;
  }
  return prev[b.size()];
}

/// The name in `names` nearest to `s`; with `max_distance`, empty when none is that near. A name
/// whose length differs from `s`'s by more than the best distance so far (or `max_distance`) is
/// skipped without computing the distance: the distance is at least the difference of lengths.
template <class Names>
std::string_view closest(std::string_view s, const Names& names, std::size_t max_distance = static_cast<std::size_t>(-1)) {
  std::string_view best;
  std::size_t best_d = static_cast<std::size_t>(-1);
  const std::size_t ls = std::min(s.size(), edit_distance_max_length);
  for (std::string_view n : names) {
    const std::size_t ln = std::min(n.size(), edit_distance_max_length);
    const std::size_t diff = ls > ln ? ls - ln : ln - ls;
    if (diff > max_distance || (best_d != static_cast<std::size_t>(-1) && diff >= best_d)) continue;
    const std::size_t d = edit_distance(s, n);
    if (d < best_d) {
      best_d = d;
      best = n;
    }
  }
  return best_d <= max_distance ? best : std::string_view{};
}

inline bool iequals_prefix(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// --- "did you mean": field suggestions -----------------------------------------------------------

/// `s` as the suggestions compare names: ASCII letters lowercased, '_', '-' and ' ' dropped, cut
/// to 64 bytes (`aspectRatio`, `ASPECT_RATIO` and `aspect-ratio` are all "aspectratio").
inline std::string fold_name(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, edit_distance_max_length)) {
    if (c == '_' || c == '-' || c == ' ') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

/// A name users send for a field the API spells otherwise (folded as fold_name does), and the field
/// it means: `field` is a top-level field, or web_search (in model_params) when `in_model_params`.
struct field_synonym {
  std::string_view folded;
  std::string_view field;
  bool in_model_params = false;
};

/// Names seen in users' requests and other APIs' conventions. Deliberately absent: `audio` (is it
/// audio_urls or generate_audio?) and `negative_prompt` (no such field: it is not `prompt`).
inline constexpr std::array<field_synonym, 17> field_synonyms{{
    {"websearch", field::web_search, true},   {"search", field::web_search, true},
    {"callback", field::callback_url},        {"webhook", field::callback_url},    {"webhookurl", field::callback_url},
    {"callbackuri", field::callback_url},     {"imageurl", field::image_urls},     {"image", field::image_urls},
    {"images", field::image_urls},            {"videourl", field::video_urls},     {"videos", field::video_urls},
    {"audiourl", field::audio_urls},          {"ratio", field::aspect_ratio},      {"aspect", field::aspect_ratio},
    {"resolution", field::quality},           {"seconds", field::duration},        {"length", field::duration},
}};

/// What an unknown key probably meant: the field and whether it lives in model_params; empty
/// `field` when nothing is near enough to say so without misleading.
struct field_suggestion {
  std::string_view field;
  bool in_model_params = false;
  [[nodiscard]] bool empty() const noexcept { return field.empty(); }
};

/// The suggestion for `key`, found in a top-level object (`in_model_params` false) or in
/// model_params: the same name in another case or spelling, then a known synonym or misplacement,
/// then the nearest name by edit distance (at most max(2, length / 3) edits, on folded names).
inline field_suggestion suggest_field(std::string_view key, bool in_model_params) {
  const std::string k = fold_name(key);
  if (k.empty()) return {};
  // the same name in the object where the key stands first, then in the other one
  for (int pass = 0; pass < 2; ++pass) {
    const bool params = (pass == 0) == in_model_params;
    for (std::string_view f : params ? std::span<const std::string_view>(model_params_fields) : std::span<const std::string_view>(request_fields))
      if (fold_name(f) == k) return {f, params};
  }
  for (const field_synonym& s : field_synonyms)
    if (s.folded == k) return {s.field, s.in_model_params};
  std::array<std::string, request_fields.size() + model_params_fields.size()> folded;
  std::array<field_suggestion, folded.size()> what;
  std::size_t n = 0;
  for (std::string_view f : request_fields) folded[n] = fold_name(f), what[n++] = {f, false};
  for (std::string_view f : model_params_fields) folded[n] = fold_name(f), what[n++] = {f, true};
  const std::string_view near = closest(k, folded, std::max<std::size_t>(2, k.size() / 3));
  for (std::size_t i = 0; i < n; ++i)
    if (!near.empty() && folded[i] == near) return what[i];
  return {};
}

template <spec_enum E>
std::string wire_list(std::string_view sep = ", ") {
  std::vector<std::string_view> v(enum_strings<E>::values.begin(), enum_strings<E>::values.end());
  return join(v, sep);
}

inline std::string qualities_of(const model_info& m) {
  std::vector<std::string_view> v;
  for (std::size_t i = 0; i < enum_strings<quality>::values.size(); ++i)
    if (m.supports(static_cast<quality>(i))) v.push_back(enum_strings<quality>::values[i]);
  return join(v, ", ");
}

/// The ids of the models that have web search, from the capability table.
inline std::string web_search_models() {
  std::vector<std::string_view> v;
  for (const model_info& m : model_catalog)
    if (m.web_search) v.push_back(m.id);
  return join_and(v);
}

inline std::string extensions_of(const media_rules& r) {
  std::vector<std::string_view> v;
  for (std::string_view e : r.extensions)
    if (!e.empty()) v.push_back(e);
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", ." : ".") + std::string(v[i]);
  return out;
}

inline std::string formats_of(const media_rules& r) {
  std::vector<std::string_view> v;
  for (media_format f : r.formats)
    if (f != media_format::other) v.push_back(to_string(f));
  return join(v, ", ");
}

inline std::string range_text(const int_range& r) { return std::to_string(r.min) + ".." + std::to_string(r.max); }

namespace field_index {
constexpr std::size_t hash(std::string_view k) noexcept {
  return k.empty() ? 0 : (k.size() * 7 + static_cast<unsigned char>(k[0]) + static_cast<unsigned char>(k.back()) * 3U) % 64;
}
inline constexpr std::array<std::uint8_t, 64> table = [] {
  std::array<std::uint8_t, 64> t{};
  for (auto& x : t) x = static_cast<std::uint8_t>(request_fields.size());
  for (std::size_t i = 0; i < request_fields.size(); ++i) t[hash(request_fields[i])] = static_cast<std::uint8_t>(i);
  return t;
}();
static_assert([] {
  for (std::size_t i = 0; i < request_fields.size(); ++i)
    if (table[hash(request_fields[i])] != i) return false;
  return true;
}(), "seedance: two request fields share a slot of field_index::table; change hash()");
/// The index of a top-level field in `request_fields`, or request_fields.size(): one probe of a
/// table built at compile time from `request_fields`, then one comparison.
constexpr std::size_t of(std::string_view key) noexcept {
  const std::size_t i = table[hash(key)];
  if (i == request_fields.size()) return i;
  const std::string_view f = request_fields[i];
  if (f.data() == key.data()) return i;  // the field's own name (find(field::prompt)): no comparison
  if (f.size() != key.size()) return request_fields.size();
  if (f.size() >= 8 && !std::is_constant_evaluated()) {  // the first and the last eight bytes: all of a name up to 16
    std::uint64_t a = 0, b = 0, c = 0, d = 0;
    std::memcpy(&a, f.data(), 8);
    std::memcpy(&b, key.data(), 8);
    std::memcpy(&c, f.data() + f.size() - 8, 8);
    std::memcpy(&d, key.data() + key.size() - 8, 8);
    if (a != b || c != d) return request_fields.size();
    if (f.size() <= 16) return i;
  }
  for (std::size_t k = 0; k < f.size(); ++k)  // short names: inline, no call to memcmp
    if (f[k] != key[k]) return request_fields.size();
  return i;
}
}  // namespace field_index

// --- the validator --------------------------------------------------------------------------------

/// Lower bound of the serialized size of `v` in bytes (strings and keys with their quotes, one
/// byte per other token); iterative, so any depth is fine.
inline std::uint64_t serialized_size_lower_bound(const nlohmann::json& v) {
  std::uint64_t total = 0;
  // A stack of pending containers: inline for the usual shallow request, on the heap past 32.
  std::array<const nlohmann::json*, 32> inline_stack;
  std::vector<const nlohmann::json*> heap_stack;
  std::size_t top = 0;
  // Scalars are counted at once; only containers wait on the stack.
  const auto visit = [&](const nlohmann::json& x) {
    if (x.is_string()) {
      total += x.get_ref<const std::string&>().size() + 2;
    } else if (x.is_structured()) {
      if (top < inline_stack.size())
        inline_stack[top++] = &x;
      else
        heap_stack.push_back(&x);
    } else {
      total += 1;
    }
  };
  visit(v);
  while (top > 0 || !heap_stack.empty()) {
    const nlohmann::json* x = nullptr;
    if (!heap_stack.empty()) {
      x = heap_stack.back();
      heap_stack.pop_back();
    } else {
      x = inline_stack[--top];
    }
    total += 2;
    if (x->is_object()) {
      for (auto it = x->begin(); it != x->end(); ++it) {
        total += it.key().size() + 4;
        visit(it.value());
      }
    } else {
      for (const auto& e : *x) {
        total += 1;
        visit(e);
      }
    }
  }
  return total;
}

class validator {
 public:
  /// `text`: the JSON text the body was parsed from, or empty (messages quote values as written
  /// when they can).
  validator(report& out, const media_map& media, std::string_view text = {}, const validate_options& options = {})
      : out_(out), media_(media), text_(text), options_(options) {}

  void run(const nlohmann::json& j, std::optional<std::uint64_t> text_bytes) {
    const bool from_text = text_bytes.has_value();
    if (!j.is_object()) {
      add(code::not_an_object, "", "the request body must be a JSON object; found " + json_kind(j));
      return;
    }
    body_ = &j;
    // One pass over the top level: the slots of the fields, and (without text) the lower bound of
    // the serialized size, as serialized_size_lower_bound(j) counts it.
    std::uint64_t size = 2;
    for (const auto& [key, value] : *j.get_ptr<const nlohmann::json::object_t*>()) {
      const std::size_t i = field_index::of(key);
      if (i < slots_.size()) {
        slots_[i] = &value;
        ++known_fields_;
      }
      if (text_bytes) continue;
      size += key.size() + 4;
      if (const auto* str = value.get_ptr<const std::string*>())
        size += str->size() + 2;
      else
        size += value.is_structured() ? serialized_size_lower_bound(value) : 1;
    }
    if (!text_bytes) text_bytes = size;
    check_model();
    check_unknown_fields();
    for (media_kind k : kinds) check_media_array(k);
    check_prompt();
    check_duration();
    check_enum<quality>(field::quality);
    check_enum<aspect_ratio>(field::aspect_ratio);
    check_boolean(field::generate_audio);
    check_boolean(field::content_filter);
    check_callback();
    check_model_params();
    check_media_counts();
    check_body_size(*text_bytes, from_text);
    if (!media_.empty() || !data_images_.empty()) check_media_properties();
    summarize_repeats();
  }

 private:
  static constexpr std::array<media_kind, 3> kinds{media_kind::image, media_kind::video, media_kind::audio};

  /// The severity of code `c` for this request and these options (docs/validation.md): strict
  /// mode makes unknown_field and field_ignored errors; base64_media is a warning on image-to-video.
  seedance::severity severity_for(code c) const noexcept {
    if (options_.strict && (c == code::unknown_field || c == code::field_ignored)) return severity::error;
    if (c == code::base64_media && model_ && model_->mode == mode::image_to_video) return severity::warning;
    return severity_of(c);
  }
  void add(code c, std::string path, std::string message) { out_.add(c, severity_for(c), std::move(path), std::move(message)); }

  /// The value of top-level field `key` (one of request_fields), or nullptr when absent.
  const nlohmann::json* find(std::string_view key) const noexcept {
    const std::size_t i = field_index::of(key);
    return i < slots_.size() ? slots_[i] : nullptr;
  }

  // --- bounded output ------------------------------------------------------------------------------

  /// What one request can repeat without bound: the items of each media array (in media_kind
  /// order), the top-level fields, the keys of model_params, the prompt's tags.
  enum class group : std::uint8_t { image_urls, video_urls, audio_urls, fields, model_params, prompt_tags };
  static constexpr std::size_t group_count = 6;
  static constexpr group items_of(media_kind k) noexcept { return static_cast<group>(k); }

  /// Whether a diagnostic of code `c` in group `g` is to be written out: true for the first
  /// `max_repeats`, then false (and counted, for the summary).
  bool room(group g, code c) noexcept {
    const auto gi = static_cast<std::size_t>(g);
    if ((touched_ & (1U << gi)) == 0) {  // counters are cleared on first use: a valid request pays nothing
      repeats_[gi].fill(0);
      touched_ |= 1U << gi;
    }
    return ++repeats_[gi][static_cast<std::size_t>(c)] <= validation_bounds::max_repeats;
  }

  /// One diagnostic per (group, code) that went over the cap, with the code (so the severity) of
  /// the ones it stands for.
  void summarize_repeats() {
    if (touched_ == 0) return;
    for (std::size_t gi = 0; gi < group_count; ++gi) {
      if ((touched_ & (1U << gi)) == 0) continue;
      for (std::size_t ci = 0; ci < code_catalogue.size(); ++ci) {
        const std::uint32_t n = repeats_[gi][ci];
        if (n <= validation_bounds::max_repeats) continue;
        const std::string more = std::to_string(n - validation_bounds::max_repeats);
        const std::string first = std::to_string(validation_bounds::max_repeats);
        const auto c = static_cast<code>(ci);
        const auto g = static_cast<group>(gi);
        std::string path, what;
        switch (g) {
          case group::image_urls:
          case group::video_urls:
          case group::audio_urls: {
            const std::string_view name = urls_field(static_cast<media_kind>(gi));
            path = pointer(name);
            what = more + " more items of " + std::string(name) + " have this problem";
            break;
          }
          case group::fields: what = more + " more top-level fields have this problem"; break;
          case group::model_params:
            path = pointer(field::model_params);
            what = more + " more keys of model_params have this problem";
            break;
          case group::prompt_tags:
            path = pointer(field::prompt);
            what = "the prompt names " + more + " more tags out of range (repeats included)";
            break;
        }
        add(c, std::move(path), what + "; only the first " + first + " are listed");
      }
    }
  }

  void wrong_type(std::string path, std::string_view name, std::string_view expected, const nlohmann::json& v) {
    add(code::wrong_type, std::move(path),
             std::string(name) + " must be " + std::string(expected) + "; found " + json_kind(v));
  }

  std::string model_name() const { return model_ ? "model " + std::string(model_->id) : std::string("this model"); }

  /// The value of a required string field (model, prompt); null when it is absent (missing_field)
  /// or not a string (wrong_type: "must be <expected>").
  const std::string* required_string(std::string_view name, std::string_view expected) {
    const nlohmann::json* v = find(name);
    if (!v) {
      add(code::missing_field, pointer(name), "the required field " + std::string(name) + " is absent");
      return nullptr;
    }
    if (!v->is_string()) {
      wrong_type(pointer(name), name, expected, *v);
      return nullptr;
    }
    return &v->get_ref<const std::string&>();
  }

  void check_model() {
    const std::string* value = required_string(field::model, "a string (a model id)");
    if (!value) return;
    const std::string& id = *value;
    model_ = find_model(id);
    if (!model_) {
      std::vector<std::string_view> ids;
      for (const model_info& m : model_catalog) ids.push_back(m.id);
      add(code::unknown_model, pointer(field::model),
               "model " + show_text(id) + " is not a Seedance 2.0 model; the closest id is " +
                   std::string(closest(id, ids)));
    }
  }

  /// " (did you mean X?)" for a suggestion found in the top level (`in_model_params` false) or in
  /// model_params, saying where X lives when that is elsewhere, and when this model does not take X.
  std::string did_you_mean(const field_suggestion& s, bool in_model_params) const {
    if (s.empty()) return {};
    std::string out = " (did you mean ";
    if (s.in_model_params && !in_model_params) out += std::string(field::model_params) + ".";
    out += s.field;
    out += '?';
    if (!s.in_model_params && in_model_params) out += " it is a top-level field, not a key of model_params";
    if (model_) {
      const bool takes = s.in_model_params ? model_->web_search : [&] {
        for (media_kind k : kinds)
          if (s.field == urls_field(k)) return model_->media(k).allowed();
        return true;
      }();
      if (!takes) out += " " + model_name() + " does not take it, though";
    }
    out += ')';
    return out;
  }

  void check_unknown_fields() {
    if (known_fields_ == body_->size()) return;
    for (auto it = body_->begin(); it != body_->end(); ++it) {
      const std::string& key = it.key();
      if (field_index::of(key) < request_fields.size()) continue;
      if (!room(group::fields, code::unknown_field)) continue;
      add(code::unknown_field, pointer(key),
          "the API defines no field " + show_text(key) + did_you_mean(suggest_field(key, false), false) +
              (options_.strict ? "; strict mode refuses it, as the provider's own validator does"
                               : "; it will be ignored or rejected"));
    }
  }

  void check_media_array(media_kind k) {
    const auto ki = static_cast<std::size_t>(k);
    const std::string_view name = urls_field(k);
    const nlohmann::json* v = find(name);
    if (!v) return;
    if (!v->is_array()) {
      wrong_type(pointer(name), name, "an array of URL strings", *v);
      count_known_[ki] = false;
      return;
    }
    count_[ki] = v->size();
    for (std::size_t i = 0; i < v->size(); ++i) {
      const nlohmann::json& item = (*v)[i];
      if (!item.is_string()) {
        if (room(items_of(k), code::wrong_type)) wrong_type(pointer(name, i), std::string(name) + " items", "URL strings", item);
        continue;
      }
      check_media_url(k, i, item.get_ref<const std::string&>());
    }
  }

  void check_media_url(media_kind k, std::size_t index, const std::string& s) {
    const group g = items_of(k);
    const auto path = [&] { return pointer(urls_field(k), index); };
    if (iequals_prefix(s, "data:")) {
      // docs/spec.md section 9: an error on reference-to-video ("do not use Base64"), a warning on
      // image-to-video images (accepted; such requests fail more often), checked like a file.
      const bool accepted = model_ && model_->mode == mode::image_to_video && k == media_kind::image;
      if (room(g, code::base64_media)) {
        if (accepted)
          add(code::base64_media, path(),
              "a data: URI (Base64-encoded image) is accepted on image-to-video, but the provider advises a URL: large "
              "Base64 bodies fail more often; the image is checked as a file");
        else if (model_ && model_->mode == mode::reference_to_video)
          add(code::base64_media, path(),
              "reference-to-video models do not accept data: URIs (Base64-encoded media): give a URL the provider fetches");
        else
          add(code::base64_media, path(),
              "media must be a URL that the provider fetches; data: URIs (Base64-encoded media) are not accepted here");
      }
      if (accepted) check_data_image(index, s);
      return;
    }
    url_view u;
    if (parse_url_view(s, u) != url_error::none) {
      if (room(g, code::invalid_url)) {
        add(code::invalid_url, path(), invalid_url_message(s));
      }
      return;
    }
    if (!u.scheme_is("https") && !u.scheme_is("http")) {
      if (room(g, code::invalid_url))
        add(code::invalid_url, path(),
                 "the provider fetches media over http or https; " + show_text(s) + " has the scheme " + show_text(u.scheme));
      return;
    }
    if (is_internal_host(u) && room(g, code::url_not_public)) {
      add(code::url_not_public, path(),
               "host " + show_text(u.host()) + " is loopback, private or otherwise internal: the provider cannot fetch " +
                   show_text(s));
    }
    const media_rules& r = rules_for(k);
    if (!path_extension_in(u.path, r.extensions) && room(g, code::media_extension)) {
      add(code::media_extension, path(),
               "the URL's path ends in ." + path_extension(u.path) + "; " + std::string(urls_field(k)) + " accept " +
                   extensions_of(r));
    }
  }

  /// A data: URI image on image-to-video, checked like a file (docs/spec.md section 9): malformed
  /// Base64 is invalid_url; a declared type or content that is not an accepted image is
  /// image_format; otherwise its properties (format, width, height, decoded size) go through the
  /// image rules with the media map's (check_media_properties). The Base64 is never decoded whole.
  void check_data_image(std::size_t index, std::string_view uri) {
    const group g = items_of(media_kind::image);
    const auto path = [&] { return pointer(field::image_urls, index); };
    const data_uri_probe d = probe_data_uri(uri, {.only = media_kind::image});
    if (d.error != data_uri_errc::none) {
      if (room(g, code::invalid_url))
        add(code::invalid_url, path(), "the data: URI cannot be read as an image: " + d.message);
      return;
    }
    if (const std::optional<std::string> problem = d.image_type_problem()) {
      if (room(g, code::image_format)) add(code::image_format, path(), *problem);
      return;
    }
    std::optional<media_properties> props = d.properties();
    if (!props || !std::holds_alternative<image_properties>(*props)) {
      if (room(g, code::image_format))
        add(code::image_format, path(),
            "the data URI's content is not a " + formats_of(rules_for(media_kind::image)) + " image" +
                (d.probe.error() ? ": " + d.probe.error()->message : std::string()));
      return;
    }
    data_images_.emplace_back(index, std::get<image_properties>(*props));
  }

  void check_prompt() {
    const std::string* value = required_string(field::prompt, "a string");
    if (!value) return;
    const std::string& p = *value;
    const auto path = [&] { return pointer(field::prompt); };
    // A short prompt can be neither too long nor over the recommendation: only validity and
    // blankness are looked at (the usual case, in one cheap pass).
    prompt_stats st;
    if (p.size() <= prompt_bounds::quick_bytes) {
      st.bytes = p.size();
      st.valid_utf8 = is_valid_utf8(p);
      // Decoding stops at the first character that is not white space: at once, for most prompts.
      st.blank = st.valid_utf8 && all_code_points(p, [&](char32_t c) {
                   ++st.code_points;
                   return is_white_space(c);
                 });
    } else {
      st = measure_prompt(p);
    }
    if (!st.valid_utf8) {
      add(code::invalid_utf8, path(), "the prompt is not valid UTF-8");
      return;
    }
    if (st.blank) {
      add(code::prompt_empty, path(),
               p.empty() ? std::string("the prompt is empty") : "the prompt has only white space (" + std::to_string(st.code_points) + " characters)");
      return;
    }
    if (st.min_tokens() > limits::prompt_max_tokens) {
      add(code::prompt_too_long, path(),
               "the prompt is at least " + std::to_string(st.min_tokens()) + " tokens long for any tokenizer, over the " +
                   std::to_string(limits::prompt_max_tokens) + "-token limit");
    } else if (st.over_recommendation()) {
      add(code::prompt_long, path(),
               "the prompt has " + std::to_string(st.cjk) + " CJK characters and " + std::to_string(st.words) +
                   " words, over the recommended " + std::to_string(limits::prompt_recommended_cjk_chars) +
                   " CJK characters or " + std::to_string(limits::prompt_recommended_words) + " words");
    }
    check_prompt_tags(p);
  }

 public:
  static prompt_stats measure_prompt(std::string_view p) {
    prompt_stats st;
    st.bytes = p.size();
    bool in_run = false, in_word = false, word_has_alnum = false;
    const auto end_word = [&] {
      if (in_word && word_has_alnum) ++st.words;
      in_word = false;
      word_has_alnum = false;
    };
    st.valid_utf8 = for_each_code_point(p, [&](char32_t c) {
      ++st.code_points;
      if (is_white_space(c)) {
        in_run = false;
        end_word();
        return;
      }
      st.blank = false;
      if (!in_run) {
        ++st.runs;
        in_run = true;
      }
      if (is_cjk(c) || is_invisible_format(c)) {
        st.cjk += is_cjk(c) ? 1 : 0;
        end_word();
        return;
      }
      in_word = true;
      if (is_word_char(c)) word_has_alnum = true;
    });
    end_word();
    return st;
  }

 private:
  void check_prompt_tags(std::string_view p) {
    // @image3, @video1, @audio2: 1-based references to the arrays, case-insensitive. Each tag is
    // reported once (among the first max_repeats, a bounded list); later ones are counted.
    std::size_t at = p.find('@');
    if (at == std::string_view::npos) return;
    std::array<std::pair<media_kind, std::uint64_t>, validation_bounds::max_repeats> reported{};
    std::size_t n_reported = 0;
    for (; at != std::string_view::npos; at = p.find('@', at + 1)) {
      // An '@' inside an e-mail address or a word (foo@image2.com) is not a tag: the byte before
      // it may not be an ASCII letter or digit or one of ._%+- (what an address's local part ends in).
      if (at > 0) {
        const char b = p[at - 1];
        if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '.' || b == '_' || b == '%' ||
            b == '+' || b == '-')
          continue;
      }
      for (media_kind k : kinds) {
        const std::string_view word = to_string(k);
        if (!iequals_prefix(p.substr(at + 1), word)) continue;
        const std::size_t first = at + 1 + word.size();
        std::size_t i = first;
        std::uint64_t n = 0;  // saturates: any number past 10^18 is out of range alike
        for (; i < p.size() && p[i] >= '0' && p[i] <= '9'; ++i)
          n = n < 100'000'000'000'000'000ULL ? n * 10 + static_cast<unsigned>(p[i] - '0') : n;
        const std::size_t digits = i - first;
        if (digits == 0) continue;
        const auto ki = static_cast<std::size_t>(k);
        if (!count_known_[ki] || (n >= 1 && n <= count_[ki])) continue;
        const auto tag = std::make_pair(k, n);
        if (std::find(reported.begin(), reported.begin() + static_cast<std::ptrdiff_t>(n_reported), tag) !=
            reported.begin() + static_cast<std::ptrdiff_t>(n_reported))
          continue;
        if (!room(group::prompt_tags, code::prompt_tag_out_of_range)) continue;
        reported[n_reported++] = tag;
        add(code::prompt_tag_out_of_range, pointer(field::prompt),
                 "the prompt names @" + std::string(word) + std::string(p.substr(first, digits)) + " but " + std::string(urls_field(k)) +
                     " has " + std::to_string(count_[ki]) + (count_[ki] == 1 ? " entry" : " entries") + " (tags are 1-based)");
      }
    }
  }

  /// The number at `/duration` as the JSON text writes it, when the body was given as text;
  /// else as nlohmann/json prints it.
  std::string duration_as_written(const nlohmann::json& v) const {
    if (!text_.empty()) {
      const auto at = locate_values(text_, {pointer(field::duration)}, 1);
      if (at[0]) {
        std::size_t end = *at[0];
        while (end < text_.size() && (std::string_view("0123456789+-.eE").find(text_[end]) != std::string_view::npos)) ++end;
        if (end > *at[0] && end - *at[0] <= 64) return std::string(text_.substr(*at[0], end - *at[0]));
      }
    }
    return v.dump();
  }

  void check_duration() {
    const nlohmann::json* v = find(field::duration);
    if (!v) return;
    const auto path = [&] { return pointer(field::duration); };
    const auto range = [] { return range_text(limits::duration); };
    if (v->is_number_integer()) {
      const bool in = v->is_number_unsigned() ? v->get<std::uint64_t>() <= static_cast<std::uint64_t>(limits::duration.max) &&
                                                    limits::duration.contains(static_cast<long long>(v->get<std::uint64_t>()))
                                              : limits::duration.contains(v->get<long long>());
      if (!in) add(code::duration_out_of_range, path(), "duration " + duration_as_written(*v) + " is outside " + range() + " seconds");
    } else if (v->is_number_float()) {
      // A number with a fraction or an exponent, or an integer beyond 64 bits (which the parser
      // keeps as a double): say which, with the number as written.
      const double d = v->get<double>();
      const std::string shown = std::isfinite(d) ? duration_as_written(*v) : std::string("(not a finite number)");
      const bool whole = std::isfinite(d) && std::floor(d) == d;
      const bool in_range = d >= static_cast<double>(limits::duration.min) && d <= static_cast<double>(limits::duration.max);
      // How it was written is known only from the text.
      const bool plain_digits = text_.empty() || shown.find_first_of(".eE") == std::string::npos;
      std::string message;
      if (!whole)
        message = "duration " + shown + " is not a whole number of seconds; it must be an integer in " + range();
      else if (!in_range)
        message = "duration " + shown + " is outside " + range() + " seconds" +
                  (plain_digits ? std::string() : std::string(" (and is written with a fraction or an exponent)"));
      else
        message = "duration " + shown + " is a whole number written with a fraction or an exponent; the API takes an integer: write " +
                  std::to_string(static_cast<long long>(d));
      add(code::duration_out_of_range, path(), std::move(message));
    } else {
      wrong_type(path(), field::duration, "an integer number of seconds", *v);
    }
  }

  template <spec_enum E>
  void check_enum(std::string_view name) {
    const nlohmann::json* v = find(name);
    if (!v) return;
    const auto path = [&] { return pointer(name); };
    if (!v->is_string()) {
      wrong_type(path(), name, "a string", *v);
      return;
    }
    const auto& s = v->get_ref<const std::string&>();
    const std::optional<E> e = parse<E>(s);
    if (!e) {
      add(code::invalid_enum, path(), std::string(name) + " " + show_text(s) + " is not one of " + wire_list<E>());
      return;
    }
    if constexpr (std::is_same_v<E, quality>) {
      if (model_ && !model_->supports(*e)) {
        add(code::quality_unsupported, path(),
                 model_name() + " offers " + qualities_of(*model_) + "; found " + std::string(to_string(*e)));
      }
    }
  }

  void check_boolean(std::string_view name) {
    const nlohmann::json* v = find(name);
    if (v && !v->is_boolean()) wrong_type(pointer(name), name, "true or false", *v);
  }

  void check_callback() {
    const nlohmann::json* v = find(field::callback_url);
    if (!v) return;
    const auto path = [&] { return pointer(field::callback_url); };
    if (!v->is_string()) {
      wrong_type(path(), field::callback_url, "a string (an https URL)", *v);
      return;
    }
    const auto& s = v->get_ref<const std::string&>();
    // No more characters than bytes: only a long URL needs counting.
    const std::size_t chars = s.size() <= limits::callback_url_max_chars ? s.size() : length_in_chars(s);
    if (chars > limits::callback_url_max_chars) {
      add(code::callback_too_long, path(),
               "callback_url is " + std::to_string(chars) + " characters long, over the limit of " +
                   std::to_string(limits::callback_url_max_chars));
    }
    url_view u;
    if (parse_url_view(s, u) != url_error::none) {
      add(code::invalid_url, path(), invalid_url_message(s));
      return;
    }
    if (!u.scheme_is("https"))
      add(code::callback_not_https, path(), "callback_url must use https; found scheme " + show_text(u.scheme));
    if (is_internal_host(u))
      add(code::callback_private_host, path(),
               "callback_url host " + show_text(u.host()) + " is an internal address; the provider refuses callbacks to it");
  }

  void check_model_params() {
    const nlohmann::json* v = find(field::model_params);
    if (!v) return;
    const auto path = [&] { return pointer(field::model_params); };
    if (!v->is_object()) {
      wrong_type(path(), field::model_params, "an object", *v);
      return;
    }
    for (auto it = v->begin(); it != v->end(); ++it) {
      const std::string& key = it.key();
      const auto kpath = [&] { return path() + pointer(key); };
      if (key != field::web_search) {
        if (room(group::model_params, code::unknown_field)) {
          const field_suggestion near = suggest_field(key, true);
          add(code::unknown_field, kpath(),
              "model_params defines no key " + show_text(key) +
                  (near.empty() ? " (it has " + std::string(field::web_search) + ")" : did_you_mean(near, true)));
        }
        continue;
      }
      if (!it.value().is_boolean()) {
        wrong_type(kpath(), field::web_search, "true or false", it.value());
        continue;
      }
      if (!model_) continue;
      if (model_->web_search) {
        // docs/spec.md section 9: the two are mutually exclusive on every model that has web search.
        const nlohmann::json* filter = find(field::content_filter);
        if (it.value().get<bool>() && filter && filter->is_boolean() && !filter->get<bool>())
          add(code::web_search_without_content_filter, kpath(),
              "web_search: true needs the content filter: with content_filter: false the provider answers 400; remove "
              "content_filter: false, or turn web search off");
        continue;
      }
      if (it.value().get<bool>()) {
        add(code::web_search_unsupported, kpath(),
                 model_name() + " has no web search (only " + web_search_models() + " have it)");
      } else {
        add(code::field_ignored, kpath(), model_name() + " has no web search; web_search: false is ignored");
      }
    }
  }

  void check_media_counts() {
    if (!model_) return;
    const auto img = static_cast<std::size_t>(media_kind::image);
    const auto vid = static_cast<std::size_t>(media_kind::video);
    const auto aud = static_cast<std::size_t>(media_kind::audio);
    for (media_kind k : kinds) {
      const auto ki = static_cast<std::size_t>(k);
      const count_range range = model_->media(k);
      const std::string_view name = urls_field(k);
      const bool present = find(name) != nullptr;
      if (!count_known_[ki]) continue;
      const std::size_t n = count_[ki];
      if (!range.allowed()) {
        if (n > 0) {
          add(code::media_unsupported, pointer(name),
                   model_name() + " takes no " + std::string(name) + "; found " + std::to_string(n));
        } else if (present) {
          add(code::field_ignored, pointer(name), model_name() + " takes no " + std::string(name) + "; the empty array is ignored");
        }
        continue;
      }
      if (n > range.max) {
        add(code::too_many_media, pointer(name),
                 model_name() + " takes at most " + std::to_string(range.max) + " " + std::string(name) + "; found " +
                     std::to_string(n));
      } else if (n < range.min) {
        add(code::too_few_media, pointer(name),
                 model_name() + " needs " + std::to_string(range.min) + ".." + std::to_string(range.max) + " " +
                     std::string(name) + " (the first frame, then optionally the last); found " + std::to_string(n));
      }
    }
    const bool all_known = count_known_[img] && count_known_[vid] && count_known_[aud];
    if (model_->audio_needs_visual && all_known && count_[aud] > 0 && count_[img] == 0 && count_[vid] == 0) {
      add(code::audio_needs_visual, pointer(field::audio_urls),
               model_name() + " needs at least one image or video alongside audio; found " + std::to_string(count_[aud]) +
                   " audio and no image or video");
    }
    if (model_->mode == mode::reference_to_video && all_known && count_[img] + count_[vid] + count_[aud] == 0) {
      add(code::reference_missing, "",
               model_name() + " is a reference-to-video model but the request has no reference media; a text-to-video model may be meant");
    }
  }

  /// `size`: the text's size, or the lower bound of the serialized size (`from_text` false).
  void check_body_size(std::uint64_t size, bool from_text) {
    if (size > limits::body_max_bytes) {
      add(code::body_too_large, "",
               "the request body is " + std::string(from_text ? "" : "at least ") + std::to_string(size) + " bytes (" +
                   mebibytes(size) + "), over the " + mebibytes(limits::body_max_bytes) + " limit");
    }
  }

  // --- media properties (rules.md section 3) ------------------------------------------------------

  /// The properties of item `index` of the array of kind `k`: from the media map (by URL), else,
  /// for image-to-video's images, those read from its data: URI.
  const media_properties* lookup(media_kind k, std::size_t index, const nlohmann::json& item) const {
    if (!item.is_string()) return nullptr;
    if (!media_.empty()) {
      auto it = media_.find(item.get_ref<const std::string&>());
      if (it != media_.end()) return &it->second;
    }
    if (k == media_kind::image)
      for (const auto& [i, p] : data_images_)
        if (i == index) return &p;
    return nullptr;
  }

  /// One item of a media array: its kind, index and (built when a diagnostic needs it) pointer.
  struct item {
    media_kind kind;
    std::size_t index;
    [[nodiscard]] std::string path() const { return pointer(urls_field(kind), index); }
  };

  /// Adds a diagnostic about item `it` unless its group has had enough of code `c`; `message` is
  /// only called when the diagnostic is written.
  template <class Message>
  void add_item(const item& it, code c, Message&& message) {
    if (room(items_of(it.kind), c)) add(c, it.path(), message());
  }

  void check_media_properties() {
    for (media_kind k : kinds) {
      const nlohmann::json* arr = find(urls_field(k));
      if (!arr || !arr->is_array()) continue;
      double total = 0;
      bool any = false;
      std::size_t unknown = 0;  // URL items whose duration is not known
      for (std::size_t i = 0; i < arr->size(); ++i) {
        const nlohmann::json& entry = (*arr)[i];
        const media_properties* p = lookup(k, i, entry);
        if (!p) {
          unknown += entry.is_string() ? 1 : 0;
          continue;
        }
        const item it{k, i};
        if (p->index() != static_cast<std::size_t>(k)) {
          // The file is another kind of media than the array says: its format is the problem.
          const std::optional<media_format> f = std::visit([](const auto& x) { return x.format; }, *p);
          if (f) format_error(it, *f);
          continue;
        }
        if (const auto* img = std::get_if<image_properties>(p)) check_image(it, *img);
        if (const auto* vid = std::get_if<video_properties>(p)) {
          check_video(it, *vid);
          if (vid->duration) total += *vid->duration, any = true;
          else ++unknown;
        }
        if (const auto* aud = std::get_if<audio_properties>(p)) {
          check_audio(it, *aud);
          if (aud->duration) total += *aud->duration, any = true;
          else ++unknown;
        }
      }
      const media_rules& r = rules_for(k);
      if (!any || r.total_duration_s <= 0) continue;
      const code c = k == media_kind::video ? code::video_total_duration : code::audio_total_duration;
      const double limit = static_cast<double>(r.total_duration_s) + validation_bounds::total_duration_tolerance_s;
      const std::string kind(to_string(k));
      if (total > limit) {
        add(c, pointer(urls_field(k)),
                 "the " + kind + "s last " + number_apart(total, {static_cast<double>(r.total_duration_s)}) + " s together, over the " + std::to_string(r.total_duration_s) +
                     " s limit");
      } else if (const double at_least = total + static_cast<double>(unknown) * static_cast<double>(r.duration_s.min);
                 at_least > limit) {
        // Each item lasts at least the minimum, or is itself an error: deduced, not measured.
        add(c, pointer(urls_field(k)),
                 "the " + kind + "s of known duration last " + number(total) + " s together, and each of the " +
                     std::to_string(unknown) + " other " + kind + (unknown == 1 ? "" : "s") + " lasts at least " +
                     std::to_string(r.duration_s.min) + " s (the minimum of each), so together they last at least " +
                     number_apart(at_least, {static_cast<double>(r.total_duration_s)}) + " s, over the " + std::to_string(r.total_duration_s) + " s limit (deduced from the minimum)");
      }
    }
    check_last_frame();
    check_first_frame();
  }

  void format_error(const item& it, media_format f) {
    const media_kind k = it.kind;
    const code c = k == media_kind::image ? code::image_format : k == media_kind::video ? code::video_format : code::audio_format;
    add_item(it, c, [&] {
      // `other` is no format's name: say what it means
      const std::string what = f == media_format::other ? "in another format"
                                                        : std::string(to_string(f));
      return "the " + std::string(to_string(k)) + " is " + what + "; " + std::string(urls_field(k)) + " accept " +
             formats_of(rules_for(k));
    });
  }

  struct visual_codes {
    code dimensions, aspect;
  };

  void check_size(const item& it, std::optional<std::uint32_t> w, std::optional<std::uint32_t> h, visual_codes c) {
    const media_kind k = it.kind;
    const media_rules& r = rules_for(k);
    const auto side_ok = [&](std::uint32_t v) { return r.side_px.contains(v); };
    if ((w && !side_ok(*w)) || (h && !side_ok(*h))) {
      add_item(it, c.dimensions, [&] {
        return "the " + std::string(to_string(k)) + " is " + (w ? std::to_string(*w) : std::string("?")) + "x" +
               (h ? std::to_string(*h) : std::string("?")) + " px; width and height must each be within " +
               range_text(r.side_px) + " px";
      });
    }
    if (w && h && *h > 0 && !r.aspect.contains(*w, *h)) {
      add_item(it, c.aspect, [&] {
        const double lo = static_cast<double>(r.aspect.min.num) / static_cast<double>(r.aspect.min.den);
        const double hi = static_cast<double>(r.aspect.max.num) / static_cast<double>(r.aspect.max.den);
        return "the " + std::string(to_string(k)) + "'s aspect ratio " + std::to_string(*w) + "/" + std::to_string(*h) + " = " +
               number_apart(static_cast<double>(*w) / *h, {lo, hi}) + " is outside " + number(lo) + ".." + number(hi);
      });
    }
  }

  void check_bytes(const item& it, std::optional<std::uint64_t> bytes, code c) {
    const media_rules& r = rules_for(it.kind);
    if (bytes && *bytes > r.max_bytes) {
      add_item(it, c, [&] {
        return "the " + std::string(to_string(it.kind)) + " file is " + std::to_string(*bytes) + " bytes (" + mebibytes(*bytes) +
               "), over the " + mebibytes(r.max_bytes) + " limit";
      });
    }
  }

  void check_duration_of(const item& it, std::optional<double> d, code c) {
    const media_rules& r = rules_for(it.kind);
    if (d && !(*d >= static_cast<double>(r.duration_s.min) && *d <= static_cast<double>(r.duration_s.max))) {
      add_item(it, c, [&] {
        return "the " + std::string(to_string(it.kind)) + " lasts " +
               number_apart(*d, {static_cast<double>(r.duration_s.min), static_cast<double>(r.duration_s.max)}) + " s; each must last " + range_text(r.duration_s) +
               " s";
      });
    }
  }

  void check_image(const item& it, const image_properties& p) {
    if (p.format && !rules_for(media_kind::image).accepts(*p.format)) format_error(it, *p.format);
    check_size(it, p.width, p.height, {code::image_dimensions, code::image_aspect_ratio});
    check_bytes(it, p.bytes, code::image_too_large);
  }

  void check_video(const item& it, const video_properties& p) {
    const media_rules& r = rules_for(media_kind::video);
    if (p.format && !r.accepts(*p.format)) format_error(it, *p.format);
    check_size(it, p.width, p.height, {code::video_dimensions, code::video_aspect_ratio});
    if (p.width && p.height) {
      const auto pixels = static_cast<long long>(*p.width) * static_cast<long long>(*p.height);
      if (!r.pixels.contains(pixels)) {
        add_item(it, code::video_pixel_count, [&] {
          return "the video has " + std::to_string(pixels) + " pixels (" + std::to_string(*p.width) + "x" +
                 std::to_string(*p.height) + "); width x height must be within " + range_text(r.pixels);
        });
      }
    }
    if (p.fps && !(*p.fps >= static_cast<double>(r.fps.min) && *p.fps <= static_cast<double>(r.fps.max))) {
      add_item(it, code::video_fps,
               [&] { return "the video runs at " + number_apart(*p.fps, {static_cast<double>(r.fps.min), static_cast<double>(r.fps.max)}) +
                        " fps; it must be within " + range_text(r.fps) + " fps"; });
    }
    check_duration_of(it, p.duration, code::video_duration);
    check_bytes(it, p.bytes, code::video_too_large);
  }

  void check_audio(const item& it, const audio_properties& p) {
    if (p.format && !rules_for(media_kind::audio).accepts(*p.format)) format_error(it, *p.format);
    check_duration_of(it, p.duration, code::audio_duration);
    check_bytes(it, p.bytes, code::audio_too_large);
  }

  /// The properties of image `index` of an image-to-video request, when its width and height are known.
  const image_properties* frame(std::size_t index) const {
    if (!model_ || model_->mode != mode::image_to_video) return nullptr;
    const nlohmann::json* arr = find(field::image_urls);
    if (!arr || !arr->is_array() || arr->size() <= index) return nullptr;
    const media_properties* p = lookup(media_kind::image, index, (*arr)[index]);
    const auto* img = p ? std::get_if<image_properties>(p) : nullptr;
    return img && img->width && img->height && *img->height > 0 ? img : nullptr;
  }

  /// first_frame_aspect_mismatch (docs/spec.md section 9): with an explicit aspect ratio, the output
  /// has the resolution table's pixel size, and a first frame of another shape is cropped or padded.
  void check_first_frame() {
    const image_properties* first = frame(0);
    if (!first) return;
    const nlohmann::json* ar = find(field::aspect_ratio);
    if (!ar || !ar->is_string()) return;  // absent: adaptive, the output follows the first frame
    const std::optional<aspect_ratio> a = parse<aspect_ratio>(ar->get_ref<const std::string&>());
    if (!a || *a == aspect_ratio::adaptive) return;
    std::optional<seedance::quality> q = defaults::quality;
    if (const nlohmann::json* qv = find(field::quality)) q = qv->is_string() ? parse<seedance::quality>(qv->get_ref<const std::string&>()) : std::nullopt;
    if (!q || !model_->supports(*q)) return;  // an error of its own: no output size to compare with
    const std::optional<resolution> out = output_resolution(*q, *a);
    if (!out) return;
    const auto w = static_cast<std::uint64_t>(*first->width), h = static_cast<std::uint64_t>(*first->height);
    const auto W = static_cast<std::uint64_t>(out->width), H = static_cast<std::uint64_t>(out->height);
    const std::uint64_t wH = w * H, Wh = W * h;  // w/h against W/H, exactly: |wH - Wh| / Wh
    const std::uint64_t diff = wH > Wh ? wH - Wh : Wh - wH;
    if (diff * 100 <= Wh * limits::first_frame_aspect_tolerance_percent) return;
    const double apart = 100.0 * static_cast<double>(diff) / static_cast<double>(Wh);
    add(code::first_frame_aspect_mismatch, pointer(field::image_urls, 0),
        "the first frame is " + std::to_string(w) + "x" + std::to_string(h) + " (" + number(static_cast<double>(w) / static_cast<double>(h)) +
            ") but the output at " + std::string(to_string(*a)) + " " + std::string(to_string(*q)) + " is " + std::to_string(W) + "x" +
            std::to_string(H) + " (" + number(static_cast<double>(W) / static_cast<double>(H)) + "), " +
            number_apart(apart, {static_cast<double>(limits::first_frame_aspect_tolerance_percent)}) + "% apart (over " +
            std::to_string(limits::first_frame_aspect_tolerance_percent) +
            "%): the output is cropped or padded and frames visibly jump; use aspect_ratio adaptive, or a first frame of the output's shape");
  }

  void check_last_frame() {
    const image_properties* first = frame(0);
    const image_properties* last = frame(1);
    if (!first || !last || find(field::image_urls)->size() != 2) return;  // (frame(1) found the array)
    if (static_cast<std::uint64_t>(*first->width) * *last->height != static_cast<std::uint64_t>(*last->width) * *first->height) {
      add(code::last_frame_cropped, pointer(field::image_urls, 1),
               "the last frame is " + std::to_string(*last->width) + "x" + std::to_string(*last->height) +
                   " and the first " + std::to_string(*first->width) + "x" + std::to_string(*first->height) +
                   ": their aspect ratios differ, so the last frame will be cropped to the first's");
    }
  }

  // media_properties holds the kinds in media_kind order: index() is the kind.
  static_assert(std::is_same_v<std::variant_alternative_t<0, media_properties>, image_properties> &&
                std::is_same_v<std::variant_alternative_t<1, media_properties>, video_properties> &&
                std::is_same_v<std::variant_alternative_t<2, media_properties>, audio_properties>);

  report& out_;
  const media_map& media_;
  std::string_view text_;
  validate_options options_;
  const nlohmann::json* body_ = nullptr;
  std::array<const nlohmann::json*, request_fields.size()> slots_{};  // top-level fields, by request_fields index
  std::size_t known_fields_ = 0;
  const model_info* model_ = nullptr;
  // image-to-video images given as data: URIs, by index, with what their decoded bytes are
  std::vector<std::pair<std::size_t, media_properties>> data_images_;
  std::array<std::size_t, 3> count_{};               // items per media array (0 when absent)
  std::array<bool, 3> count_known_{true, true, true};  // false when the array has the wrong type
  // Diagnostics per group and code, for the caps; a group's row is cleared when first used.
  std::uint32_t touched_ = 0;
  std::array<std::array<std::uint32_t, code_catalogue.size()>, group_count> repeats_;
};

/// Runs the validator; anything thrown (only std::bad_alloc can be) leaves the report not ok and
/// says so (code validation_incomplete).
inline void run_guarded(report& r, const nlohmann::json& j, const media_map& media, std::optional<std::uint64_t> text_bytes,
                        std::string_view text = {}, const validate_options& options = {}) noexcept {
  try {
    validator(r, media, text, options).run(j, text_bytes);
  } catch (const std::bad_alloc&) {
    r.stop("out of memory");
  } catch (const std::exception& e) {
    r.stop(e.what());
  } catch (...) {
    r.stop("an unknown exception");
  }
}

// --- reading the text ----------------------------------------------------------------------------

/// The first error nlohmann/json reported to a SAX handler: where (bytes read, from 1, as nlohmann
/// counts), the token, and the exception's id and text.
struct parse_failure {
  bool failed = false;
  std::size_t bytes_read = 0;
  std::string token;
  int id = 0;
  std::string what;
  bool record(std::size_t position, const std::string& last_token, const nlohmann::json::exception& ex) {
    failed = true;
    bytes_read = position;
    token = last_token;
    id = ex.id;
    what = ex.what();
    return false;  // stop parsing
  }
};

/// A SAX handler for nlohmann/json that builds nothing and keeps the first error (to learn where a
/// text that is already known to be bad goes wrong first).
struct first_error_handler {
  using json = nlohmann::json;
  parse_failure error;
  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(json::number_integer_t) { return true; }
  bool number_unsigned(json::number_unsigned_t) { return true; }
  bool number_float(json::number_float_t, const json::string_t&) { return true; }
  bool string(json::string_t&) { return true; }
  bool binary(json::binary_t&) { return true; }
  bool start_object(std::size_t) { return true; }
  bool key(json::string_t&) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t) { return true; }
  bool end_array() { return true; }
  bool parse_error(std::size_t position, const std::string& last_token, const json::exception& ex) {
    return error.record(position, last_token, ex);
  }
};

/// Empties `j` from the leaves up, to `max_json_depth` levels (deeper ones are left as they are).
/// nlohmann/json's destructor allocates a stack for every non-empty array or object it destroys,
/// and an allocation that fails in a destructor ends the program; an empty one costs it nothing.
/// So the JSON values that validation builds are dismantled before they are destroyed.
inline void dismantle(nlohmann::json& j, std::size_t depth = 0) noexcept {
  if (depth > validation_bounds::max_json_depth) return;
  if (auto* a = j.get_ptr<nlohmann::json::array_t*>()) {
    for (nlohmann::json& e : *a) dismantle(e, depth + 1);
    a->clear();
  } else if (auto* o = j.get_ptr<nlohmann::json::object_t*>()) {
    for (auto& member : *o) dismantle(member.second, depth + 1);
    o->clear();
  }
}

/// Adds `invalid_json` for a parse error of nlohmann/json: "[json.exception.parse_error.101] parse
/// error at line L, column C: <reason>", at the last byte it read.
inline void add_syntax_error(report& r, std::string_view text, std::size_t bytes_read, std::string what) {
  std::string where;
  if (const auto at = what.find("at line "); at != std::string::npos) {
    const auto colon = what.find(": ", at);
    where = ", " + what.substr(at + 3, colon == std::string::npos ? std::string::npos : colon - at - 3);
    if (colon != std::string::npos) what = what.substr(colon + 2);
  }
  const std::size_t offset = bytes_read > 0 ? bytes_read - 1 : 0;  // nlohmann counts bytes read, from 1
  r.add(code::invalid_json, "", "the body is not valid JSON (byte offset " + std::to_string(offset) + where + "): " + what,
        position_of(text, offset));
}

/// Adds `invalid_json` for the error that `h` found in `text`.
inline void add_parse_failure(report& r, std::string_view text, parse_failure& h) {
  if (h.id != 406) {
    add_syntax_error(r, text, h.bytes_read, std::move(h.what));
    return;
  }
  // out_of_range.406, "number overflow": the parser stops after the number, whose token it gives.
  const std::size_t start = h.bytes_read >= h.token.size() ? h.bytes_read - h.token.size() : 0;
  const text_position p = position_of(text, start);
  r.add(code::invalid_json, "",
        "the body cannot be read (byte offset " + std::to_string(start) + ", line " + std::to_string(p.line) + ", column " +
            std::to_string(p.column) + "): the number " + (h.token.size() <= 40 ? h.token : h.token.substr(0, 40) + "...") +
            " is beyond the range of a double (about 1.8e308); RFC 8259 section 6 lets a parser limit the range of "
            "numbers, and this library's does",
        p);
}

/// Duplicate keys, seen while the text is parsed (the last value of each is kept): every key
/// the spec defines, at the top level and in model_params, wherever it stands; other top-level
/// keys among the first `max_tracked_other_keys`. Allocates only when there is a duplicate or an
/// unknown key.
class duplicate_keys {
 public:
  void key(int depth, const std::string& k) {
    if (depth == 1) {
      in_params_ = k == field::model_params;
      params_seen_ = 0;
      const std::size_t i = field_index::of(k);
      if (i < request_fields.size()) {
        see(top_seen_, top_dup_, i, pointer(k));
        return;
      }
      if (std::find(others_.begin(), others_.end(), k) != others_.end()) {
        if (std::find(other_dups_.begin(), other_dups_.end(), k) == other_dups_.end()) {
          other_dups_.push_back(k);
          if (other_dups_.size() <= validation_bounds::max_repeats) found_.push_back(pointer(k));
        }
      } else if (others_.size() < validation_bounds::max_tracked_other_keys) {
        others_.push_back(k);
      }
    } else if (depth == 2 && in_params_) {
      const std::size_t i = static_cast<std::size_t>(
          std::find(model_params_fields.begin(), model_params_fields.end(), k) - model_params_fields.begin());
      if (i < model_params_fields.size()) see(params_seen_, params_dup_, i, pointer(field::model_params) + pointer(k));
    }
  }

  /// One duplicate_key per key given twice, in the order found, then one for the untracked rest.
  void report_to(report& r) const {
    for (const std::string& path : found_) {
      const std::string_view key = std::string_view(path).substr(path.rfind('/') + 1);
      const bool in_params = path.rfind(pointer(field::model_params) + "/", 0) == 0;
      r.add(code::duplicate_key, path,
            "the key " + show_text(key) + " appears more than once" + (in_params ? " in model_params" : "") +
                "; the last value is used");
    }
    if (other_dups_.size() > validation_bounds::max_repeats) {
      r.add(code::duplicate_key, "",
            std::to_string(other_dups_.size() - validation_bounds::max_repeats) +
                " more keys appear more than once; only the first " + std::to_string(validation_bounds::max_repeats) +
                " are listed");
    }
  }

 private:
  void see(std::uint32_t& seen, std::uint32_t& dup, std::size_t i, std::string path) {
    const std::uint32_t bit = 1U << i;
    if ((seen & bit) != 0 && (dup & bit) == 0) {
      dup |= bit;
      found_.push_back(std::move(path));
    }
    seen |= bit;
  }

  static_assert(request_fields.size() <= 32 && model_params_fields.size() <= 32);
  std::uint32_t top_seen_ = 0, top_dup_ = 0;
  std::uint32_t params_seen_ = 0, params_dup_ = 0;  // within the current model_params object
  bool in_params_ = false;                          // the last top-level key was model_params
  std::vector<std::string> others_, other_dups_;
  std::vector<std::string> found_;                  // paths of the duplicates, in the order found
};

/// A SAX handler for nlohmann/json that builds the DOM as its own parser does (the last value of a
/// key given twice is kept), shows every key to `duplicate_keys`, keeps the first error with its
/// position (`1e400` too, which nlohmann's DOM parser reports without one), nests no deeper than
/// `max_json_depth` (its stack is inline: the scan before it guarantees the depth), and
/// dismantles what it built when it is destroyed (see dismantle).
class dom_builder {
 public:
  using json = nlohmann::json;
  explicit dom_builder(duplicate_keys& dups) noexcept : dups_(dups) {}
  dom_builder(const dom_builder&) = delete;
  dom_builder& operator=(const dom_builder&) = delete;
  ~dom_builder() { dismantle(root); }

  json root;            ///< the value read (moved out when complete)
  parse_failure error;  ///< the error, when parsing failed

  bool null() { return put(nullptr); }
  bool boolean(bool v) { return put(v); }
  bool number_integer(json::number_integer_t v) { return put(v); }
  bool number_unsigned(json::number_unsigned_t v) { return put(v); }
  bool number_float(json::number_float_t v, const json::string_t&) { return put(v); }
  bool string(json::string_t& v) { return put(v); }
  bool binary(json::binary_t& v) { return put(json::binary_t(v)); }
  bool start_object(std::size_t) { return open(json::value_t::object); }
  bool key(json::string_t& k) {
    dups_.key(static_cast<int>(depth_), k);
    member_ = &(*stack_[depth_ - 1])[k];  // an object is open: depth_ >= 1
    dismantle(*member_);                 // a key given twice: its first value goes
    return true;
  }
  bool end_object() {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) { return open(json::value_t::array); }
  bool end_array() {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t position, const std::string& last_token, const json::exception& ex) {
    return error.record(position, last_token, ex);
  }

 private:
  template <class V>
  json* place(V&& v) {
    if (depth_ == 0) {
      root = json(std::forward<V>(v));
      return &root;
    }
    if (auto* a = stack_[depth_ - 1]->get_ptr<json::array_t*>()) {
      a->emplace_back(std::forward<V>(v));
      return &a->back();
    }
    *member_ = json(std::forward<V>(v));
    return member_;
  }
  template <class V>
  bool put(V&& v) {
    place(std::forward<V>(v));
    return true;
  }
  bool open(json::value_t t) {
    if (depth_ == stack_.size()) return false;  // deeper than the scan lets through: never, but stop
    json* p = place(t);
    stack_[depth_++] = p;
    return true;
  }

  duplicate_keys& dups_;
  std::array<json*, validation_bounds::max_json_depth> stack_;  // the open arrays and objects; [0, depth_) set
  std::size_t depth_ = 0;
  json* member_ = nullptr;  // the value of the key just read
};

/// The first problem of a text is the one reported: when nlohmann/json finds a syntax error in
/// text[0, at) before `at` (where a problem of the text's own was found), that error is added and
/// true returned. The text before `at` nests at most max_json_depth deep, and nothing is built.
inline bool syntax_error_before(std::string_view text, std::size_t at, report& r) {
  first_error_handler h;
  (void)nlohmann::json::sax_parse(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), &h);
  if (h.error.failed && h.error.bytes_read > 0 && h.error.bytes_read - 1 < at) {
    add_parse_failure(r, text, h.error);
    return true;
  }
  return false;
}

inline void read_request(std::string_view text, std::optional<nlohmann::json>& body, report& r) {
  if (text.size() > limits::body_max_bytes) {
    r.add(code::body_too_large, "",
          "the request body is " + std::to_string(text.size()) + " bytes (" + mebibytes(text.size()) + "), over the " +
              mebibytes(limits::body_max_bytes) + " limit; it was not parsed further");
    return;
  }
  // A NUL byte: nlohmann's lexer would take it for the end of the text. The text is checked up to
  // it (a nesting or syntax error before it is the first problem).
  const std::size_t nul = nul_offset(text);
  const std::string_view before_nul = nul == std::string_view::npos ? text : text.substr(0, nul);
  if (const std::size_t at = nesting_overflow(before_nul, validation_bounds::max_json_depth); at != std::string_view::npos) {
    if (syntax_error_before(text, at, r)) return;
    const text_position p = position_of(text, at);
    r.add(code::invalid_json, "",
          "the body nests arrays and objects more than " + std::to_string(validation_bounds::max_json_depth) +
              " levels deep (byte offset " + std::to_string(at) + ", line " + std::to_string(p.line) + ", column " +
              std::to_string(p.column) + "): that is this library's bound (RFC 8259 section 9 lets a parser limit "
              "nesting; a request body needs 2 levels), so the text was not parsed",
          p);
    return;
  }
  if (nul != std::string_view::npos) {
    if (syntax_error_before(text, nul, r)) return;
    const text_position p = position_of(text, nul);
    r.add(code::invalid_json, "",
          "the body is not JSON: " + nul_reason(nul) + " (line " + std::to_string(p.line) + ", column " +
              std::to_string(p.column) + ")",
          p);
    return;
  }
  duplicate_keys dups;
  dom_builder b(dups);
  if (!nlohmann::json::sax_parse(text.begin(), text.end(), &b)) {
    if (b.error.failed)
      add_parse_failure(r, text, b.error);
    else
      r.add(code::invalid_json, "", "the body nests deeper than this library's bound");  // the scan prevents it
    return;
  }
  body.emplace(std::move(b.root));
  dups.report_to(r);
  if (!r.empty()) r.locate_in(text);
}

}  // namespace detail

/// Measures a prompt as the prompt rules do (exposed for tools and tests).
[[nodiscard]] inline prompt_stats measure_prompt(std::string_view prompt) { return detail::validator::measure_prompt(prompt); }

/// Validates a parsed request body against every rule of rules.md section 2, and section 3 for
/// the media whose properties `media` gives (by URL, as written in the request). Never throws.
[[nodiscard]] inline report validate(const nlohmann::json& body, const media_map& media = {},
                                     const validate_options& options = {}) noexcept {
  report r;
  detail::run_guarded(r, body, media, std::nullopt, {}, options);
  return r;
}

/// The outcome of reading a request body's text with the bounds validate(std::string_view) uses.
struct parsed_request {
  std::optional<nlohmann::json> body;   // empty when the text is not JSON or exceeds a bound
  report diagnostics;                   // text-level diagnostics (invalid_json with byte offset, body_too_large from the size, duplicate_key), positions set

  parsed_request() = default;
  parsed_request(const parsed_request&) = default;
  parsed_request(parsed_request&&) noexcept = default;
  parsed_request& operator=(const parsed_request&) = default;
  parsed_request& operator=(parsed_request&&) noexcept = default;
  /// Dismantles the body first, so that destroying it allocates nothing (even out of memory).
  ~parsed_request() {
    if (body) detail::dismantle(*body);
  }
};

/// Reads JSON text as `validate(std::string_view)` does, once: text over the body limit is not
/// parsed (`body_too_large`), text nested deeper than `validation_bounds::max_json_depth` is not
/// parsed (`invalid_json`, found by a scan that allocates nothing), text that does not parse is
/// `invalid_json` with the byte offset, line and column, and keys given twice are `duplicate_key`.
/// Never throws: out of memory leaves no body and a `diagnostics` that is not ok().
[[nodiscard]] inline parsed_request parse_request(std::string_view text) noexcept {
  parsed_request out;
  try {
    detail::read_request(text, out.body, out.diagnostics);
  } catch (const std::bad_alloc&) {
    out.diagnostics.stop("out of memory while reading the text");
  } catch (const std::exception& e) {
    out.diagnostics.stop(e.what());
  } catch (...) {
    out.diagnostics.stop("an unknown exception while reading the text");
  }
  if (!out.diagnostics.complete() && out.body) {
    detail::dismantle(*out.body);
    out.body.reset();
  }
  return out;
}

/// The same as validate(text, media), for text already read with parse_request: validate(parse_request(t), t, m) == validate(t, m).
[[nodiscard]] inline report validate(const parsed_request& parsed, std::string_view text, const media_map& media = {},
                                     const validate_options& options = {}) noexcept {
  report r;
  try {
    r = parsed.diagnostics;
    if (!parsed.body) return r;
    detail::run_guarded(r, *parsed.body, media, text.size(), text, options);
    if (!r.empty()) r.locate_in(text);
  } catch (const std::bad_alloc&) {
    r.stop("out of memory");
  } catch (...) {
    r.stop("an unknown exception");
  }
  return r;
}

/// Validates a request body given as JSON text: as above, plus `invalid_json` (with the byte
/// offset) for text that does not parse or nests deeper than `validation_bounds::max_json_depth`,
/// `duplicate_key` for a key given twice, and `body_too_large` from the text's own size. Text over
/// the body limit is not parsed. Never throws.
[[nodiscard]] inline report validate(std::string_view text, const media_map& media = {}, const validate_options& options = {}) noexcept {
  return validate(parse_request(text), text, media, options);
}

/// Text given as `const char*` or `std::string` is JSON text (not a JSON string value).
[[nodiscard]] inline report validate(const char* text, const media_map& media = {}, const validate_options& options = {}) noexcept {
  return validate(std::string_view(text ? text : ""), media, options);
}
[[nodiscard]] inline report validate(const std::string& text, const media_map& media = {}, const validate_options& options = {}) noexcept {
  return validate(std::string_view(text), media, options);
}

/// Validates a request body given as fields (e.g. read with `from_json` or built by hand).
[[nodiscard]] inline report validate(const request_body& body, const media_map& media = {},
                                     const validate_options& options = {}) noexcept {
  nlohmann::json j;
  try {
    j = body;
  } catch (...) {
    detail::dismantle(j);
    report r;
    r.stop("out of memory");
    return r;
  }
  report r = validate(j, media, options);
  detail::dismantle(j);
  return r;
}

/// Validates a typed request: the rules the compiler could not decide (values set at run time,
/// run-time lists, URLs, the prompt) and, with `media`, the media rules.
template <model_type M, std::size_t I, std::size_t V, std::size_t A>
[[nodiscard]] report validate(const request<M, I, V, A>& r, const media_map& media = {},
                              const validate_options& options = {}) noexcept {
  return validate(r.body(), media, options);
}

}  // namespace seedance

#endif  // SEEDANCE_VALIDATE_HPP

// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Runtime validation: every rule of docs/spec.md sections 2 and 3, all problems in one pass, each as a
// diagnostic with a stable code, a JSON pointer and a message. Reads the same tables as the
// compile-time checks (spec.hpp); nothing here restates a number.
#ifndef SEEDANCE_VALIDATE_HPP
#define SEEDANCE_VALIDATE_HPP

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
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
#include "detail/text.hpp"
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
inline constexpr std::size_t quick_bytes =
    std::min({limits::prompt_recommended_words, 3 * limits::prompt_recommended_cjk_chars, limits::prompt_max_tokens});
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
  /// For a local double of the API (`seedance serve --allow-local-callbacks`): a `callback_url`
  /// on `127.0.0.1` or `localhost` (http or https, any port) is accepted; every other internal host,
  /// and plain http elsewhere, stays an error. Off by default: the provider refuses them.
  bool allow_local_callbacks = false;
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

}  // namespace seedance

#include "detail/validate/text.hpp"       // character classes, pointers, numbers, edit distance
#include "detail/validate/suggest.hpp"    // "did you mean"
#include "detail/validate/names.hpp"      // the table's names for messages, the field index
#include "detail/validate/validator.hpp"  // the validator class: field and model rules
#include "detail/validate/urls.hpp"       // its URL rules
#include "detail/validate/prompt.hpp"     // its prompt rules
#include "detail/validate/media.hpp"      // its media rules
#include "detail/validate/read_text.hpp"  // the text's own checks, and reading it into a DOM (parse_request)
#include "detail/validate/read_json.hpp"  // a parsed body as the validator's events
#include "detail/validate/read_stream.hpp"  // the text as the validator's events, in one streaming pass

namespace seedance {

/// Measures a prompt as the prompt rules do (exposed for tools and tests).
[[nodiscard]] inline prompt_stats measure_prompt(std::string_view prompt) { return detail::validate::validator::measure_prompt(prompt); }

/// Validates a parsed request body against every rule of docs/spec.md section 2, and section 3 for
/// the media whose properties `media` gives (by URL, as written in the request). Never throws.
[[nodiscard]] inline report validate(const nlohmann::json& body, const media_map& media = {},
                                     const validate_options& options = {}) noexcept {
  report r;
  detail::validate::run_guarded(r, body, media, std::nullopt, {}, options);
  return r;
}

/// The outcome of reading a request body's text with the bounds validate(std::string_view) uses.
struct parsed_request {
  std::optional<nlohmann::json> body;   // empty when the text is not JSON or exceeds a bound
  report diagnostics;  // text-level diagnostics (invalid_json with byte offset, body_too_large from the size, duplicate_key), positions set

  parsed_request() = default;
  parsed_request(const parsed_request&) = default;
  parsed_request(parsed_request&&) noexcept = default;
  parsed_request& operator=(const parsed_request&) = default;
  parsed_request& operator=(parsed_request&&) noexcept = default;
  /// Dismantles the body first, so that destroying it allocates nothing (even out of memory).
  ~parsed_request() {
    if (body) detail::validate::dismantle(*body);
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
    detail::validate::read_request(text, out.body, out.diagnostics);
  } catch (const std::bad_alloc&) { out.diagnostics.stop("out of memory while reading the text"); } catch (const std::exception& e) {
    out.diagnostics.stop(e.what());
  } catch (...) { out.diagnostics.stop("an unknown exception while reading the text"); }
  if (!out.diagnostics.complete() && out.body) {
    detail::validate::dismantle(*out.body);
    out.body.reset();
  }
  return out;
}

/// The same as validate(text, media), for text already read with parse_request: the same
/// diagnostics, but for their order within the groups that follow the keys (unknown fields, the
/// items of a media array, the keys of model_params), which is nlohmann/json's key order here and
/// the text's order there, and the choice of the first `max_repeats` in a group over the cap.
[[nodiscard]] inline report validate(const parsed_request& parsed, std::string_view text, const media_map& media = {},
                                     const validate_options& options = {}) noexcept {
  report r;
  try {
    r = parsed.diagnostics;
    if (!parsed.body) return r;
    detail::validate::run_guarded(r, *parsed.body, media, text.size(), text, options);
    if (!r.empty()) r.locate_in(text);
  } catch (const std::bad_alloc&) { r.stop("out of memory"); } catch (...) {
    r.stop("an unknown exception");
  }
  return r;
}

/// Validates a request body given as JSON text, read once as a stream (no DOM: memory is the
/// text plus the few fields the rules read after the last key; docs/validation.md): the rules
/// above, plus `invalid_json` (with the byte offset) for text that does not parse or nests deeper
/// than `validation_bounds::max_json_depth`, `duplicate_key` for a key given twice (the last value
/// counts), and `body_too_large` from the text's own size. Text over the body limit is not parsed.
/// Never throws.
[[nodiscard]] inline report validate(std::string_view text, const media_map& media = {}, const validate_options& options = {}) noexcept {
  report r;
  detail::validate::run_guarded(r, [&] { detail::validate::stream_request(text, media, options, r); });
  return r;
}

/// A request read from text by validate_request.
struct validated_request {
  report diagnostics;  ///< as validate(text) gives them
  /// When the request is valid (diagnostics.ok()): the fields the API defines, as read (the last
  /// value of a key given twice), as a small JSON object without the unknown keys; what the
  /// estimate and a typed read (from_json) need. Empty otherwise.
  std::optional<nlohmann::json> body;

  validated_request() = default;
  validated_request(const validated_request&) = default;
  validated_request(validated_request&&) noexcept = default;
  validated_request& operator=(const validated_request&) = default;
  validated_request& operator=(validated_request&&) noexcept = default;
  /// Dismantles the body first, so that destroying it allocates nothing (even out of memory).
  ~validated_request() {
    if (body) detail::validate::dismantle(*body);
  }
};

/// validate(text), which keeps the request's fields when it is valid, in the same single pass.
[[nodiscard]] inline validated_request validate_request(std::string_view text, const media_map& media = {},
                                                        const validate_options& options = {}) noexcept {
  validated_request out;
  detail::validate::run_guarded(out.diagnostics,
                                [&] { detail::validate::stream_request(text, media, options, out.diagnostics, &out.body); });
  if (!out.diagnostics.ok()) out.body.reset();
  return out;
}

/// Text given as `const char*` or `std::string` is JSON text (not a JSON string value).
[[nodiscard]] inline report validate(const char* text, const media_map& media = {}, const validate_options& options = {}) noexcept {
  return validate(std::string_view(text ? text : ""), media, options);
}
[[nodiscard]] inline report validate(const std::string& text, const media_map& media = {}, const validate_options& options = {}) noexcept {
  return validate(std::string_view(text), media, options);
}

/// Validates a request body given as fields (e.g. read with `from_json` or built by hand).
[[nodiscard]] inline report validate(const request_body& body, const media_map& media = {}, const validate_options& options = {}) noexcept {
  nlohmann::json j;
  try {
    j = body;
  } catch (...) {
    detail::validate::dismantle(j);
    report r;
    r.stop("out of memory");
    return r;
  }
  report r = validate(j, media, options);
  detail::validate::dismantle(j);
  return r;
}

/// Validates a typed request: the rules the compiler could not decide (values set at run time,
/// run-time lists, URLs, the prompt) and, with `media`, the media rules.
template <model_type M, std::size_t I, std::size_t V, std::size_t A>
[[nodiscard]] report validate(const request<M, I, V, A>& r, const media_map& media = {}, const validate_options& options = {}) noexcept {
  return validate(r.body(), media, options);
}

}  // namespace seedance

#endif  // SEEDANCE_VALIDATE_HPP

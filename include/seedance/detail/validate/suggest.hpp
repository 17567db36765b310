// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/validate.hpp> (include that, not this header): "did you mean": suggestions for unknown fields.
#ifndef SEEDANCE_VALIDATE_HPP
#error "include <seedance/validate.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_VALIDATE_SUGGEST_HPP
#define SEEDANCE_DETAIL_VALIDATE_SUGGEST_HPP

namespace seedance::detail::validate {

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
    {"websearch", field::web_search, true},
    {"search", field::web_search, true},
    {"callback", field::callback_url},
    {"webhook", field::callback_url},
    {"webhookurl", field::callback_url},
    {"callbackuri", field::callback_url},
    {"imageurl", field::image_urls},
    {"image", field::image_urls},
    {"images", field::image_urls},
    {"videourl", field::video_urls},
    {"videos", field::video_urls},
    {"audiourl", field::audio_urls},
    {"ratio", field::aspect_ratio},
    {"aspect", field::aspect_ratio},
    {"resolution", field::quality},
    {"seconds", field::duration},
    {"length", field::duration},
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
/// then the nearest name by edit distance, on names only lowercased (separators count: folding
/// them away would bring `neg_prompt` within reach of `prompt`): at most 1 edit for a key shorter
/// than 10 characters, 2 for a longer one (`quantity` is not `quality`, `moderation` not `duration`).
inline field_suggestion suggest_field(std::string_view key, bool in_model_params) {
  const std::string k = fold_name(key);
  if (k.empty()) return {};
  // the same name in the object where the key stands first, then in the other one
  for (int pass = 0; pass < 2; ++pass) {
    const bool params = (pass == 0) == in_model_params;
    for (std::string_view f :
         params ? std::span<const std::string_view>(model_params_fields) : std::span<const std::string_view>(request_fields))
      if (fold_name(f) == k) return {f, params};
  }
  for (const field_synonym& s : field_synonyms)
    if (s.folded == k) return {s.field, s.in_model_params};
  std::string lower(key.substr(0, edit_distance_max_length));
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  std::array<std::string_view, request_fields.size() + model_params_fields.size()> names;
  std::array<field_suggestion, names.size()> what;
  std::size_t n = 0;
  for (std::string_view f : request_fields) names[n] = f, what[n++] = {f, false};
  for (std::string_view f : model_params_fields) names[n] = f, what[n++] = {f, true};
  const std::string_view near = closest(lower, names, lower.size() < 10 ? 1 : 2);
  for (std::size_t i = 0; i < n; ++i)
    if (!near.empty() && names[i] == near) return what[i];
  return {};
}

}  // namespace seedance::detail::validate

#endif  // SEEDANCE_DETAIL_VALIDATE_SUGGEST_HPP

// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// JSON Schema (draft 7) of the request body, one schema per model, generated from the table of
// spec.hpp: every count, range, enum and default below is read from model_catalog, limits::*,
// enum_strings<E>::values, field::* and defaults::*; none is written here. docs/schema.md says what
// the schema expresses and what only the runtime validator can check.
#ifndef SEEDANCE_SCHEMA_HPP
#define SEEDANCE_SCHEMA_HPP

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "models.hpp"
#include "spec.hpp"

namespace seedance {

namespace detail::schema {

/// The URI of the draft the exported schemas follow.
inline constexpr std::string_view schema_draft = "http://json-schema.org/draft-07/schema#";

/// Case-insensitive prefixes, as ECMA-262 patterns (URL schemes are case-insensitive, RFC 3986).
inline constexpr std::string_view https_prefix_pattern = "^[Hh][Tt][Tt][Pp][Ss]://";
inline constexpr std::string_view data_uri_pattern = "^[Dd][Aa][Tt][Aa]:";

/// "at least one character that is not white space" (rule prompt_empty).
inline constexpr std::string_view non_blank_pattern = "\\S";

inline std::string str(std::string_view s) { return std::string(s); }
inline std::string num(std::size_t n) { return std::to_string(n); }
inline std::string num(long long n) { return std::to_string(n); }

/// A JSON array of the wire strings of `E` for which `keep(e)` holds, in enumerator order.
template <spec_enum E, class Pred>
nlohmann::json wire_strings(Pred keep) {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < enum_strings<E>::values.size(); ++i) {
    if (keep(static_cast<E>(i))) out.push_back(str(enum_strings<E>::values[i]));
  }
  return out;
}

/// `"a", "b" or "c"`: for descriptions.
inline std::string joined(const nlohmann::json& strings) {
  std::string out;
  for (std::size_t i = 0; i < strings.size(); ++i) {
    if (i > 0) out += (i + 1 == strings.size()) ? " or " : ", ";
    out += strings[i].get<std::string>();
  }
  return out;
}

/// One media URL: a string; not a `data:` URI (rule base64_media) unless the model accepts them
/// (then the runtime validator probes the decoded image). `format: uri` is advisory.
inline nlohmann::json url_item_schema(const model_info& m, media_kind k) {
  if (m.accepts_data_uris(k))
    return {{"type", "string"},
            {"format", "uri"},
            {"description",
             "An absolute URL the provider can fetch, or a data: URI of a Base64 image (accepted with the warning "
             "base64_media; the runtime validator checks the decoded image like a file)."}};
  return {{"type", "string"},
          {"format", "uri"},
          {"not", {{"pattern", str(data_uri_pattern)}}},
          {"description", "An absolute URL the provider can fetch; never a data: URI (base64_media)."}};
}

/// The URL array of media kind `k` for model `m`: its count range from the mode's row of the table.
inline nlohmann::json url_array_schema(const model_info& m, media_kind k) {
  const count_range r = m.media(k);
  const std::string kind = str(to_string(k));
  nlohmann::json s = {{"type", "array"}, {"items", url_item_schema(m, k)}, {"maxItems", r.max}};
  if (r.min > 0) s["minItems"] = r.min;
  if (!r.allowed()) {
    s["description"] = "This model takes no " + kind +
                       ": the array must be empty (media_unsupported); an empty array is accepted with the "
                       "warning field_ignored.";
  } else if (r.min > 0) {
    s["description"] = "Required: " + num(r.min) + " to " + num(r.max) + " " + kind + " URLs (too_few_media, too_many_media).";
  } else {
    s["description"] = "At most " + num(r.max) + " " + kind + " URLs (too_many_media).";
  }
  return s;
}

/// `model_params`: an object; `web_search` a boolean, and `false` only on models without it.
inline nlohmann::json model_params_schema(const model_info& m) {
  nlohmann::json web = {{"type", "boolean"}, {"default", defaults::web_search}};
  if (m.web_search) {
    web["description"] = "Let the model search the web (billed per search actually run).";
  } else {
    web["const"] = false;
    web["description"] =
        "This model has no web search: true is the error web_search_unsupported; false is accepted with the "
        "warning field_ignored.";
  }
  return {{"type", "object"},
          {"properties", {{str(field::web_search), web}}},
          {"additionalProperties", true},
          {"description", "Model extension parameters. Keys other than " + str(field::web_search) +
                              " are accepted (the runtime validator warns: unknown_field)."}};
}

/// A media array that is present and non-empty.
inline nlohmann::json non_empty(std::string_view name) {
  return {{"required", nlohmann::json::array({str(name)})}, {"properties", {{str(name), {{"type", "array"}, {"minItems", 1}}}}}};
}

/// The request schema of model `m`.
inline nlohmann::json request_schema(const model_info& m) {
  const std::string id = str(m.id);
  const nlohmann::json qualities = wire_strings<quality>([&](quality q) { return m.supports(q); });
  const nlohmann::json ratios = wire_strings<aspect_ratio>([](aspect_ratio) { return true; });

  nlohmann::json props = nlohmann::json::object();
  props[field::model] = {{"type", "string"}, {"const", id}, {"description", "The model's API id."}};
  props[field::prompt] = {{"type", "string"},
                          {"minLength", 1},
                          {"pattern", str(non_blank_pattern)},
                          {"description",
                           "What to generate; neither empty nor only white space (prompt_empty). Its token limit (prompt_too_long) is "
                           "checked by the runtime validator only."}};
  for (media_kind k : {media_kind::image, media_kind::video, media_kind::audio}) props[urls_field(k)] = url_array_schema(m, k);
  props[field::duration] = {{"type", "integer"},
                            {"minimum", limits::duration.min},
                            {"maximum", limits::duration.max},
                            {"default", defaults::duration},
                            {"description", "Output length in whole seconds, " + num(limits::duration.min) + " to " +
                                                num(limits::duration.max) + " (duration_out_of_range)."}};
  props[field::quality] = {{"type", "string"},
                           {"enum", qualities},
                           {"description", "Output quality on this model: " + joined(qualities) + " (invalid_enum, quality_unsupported)."}};
  if (m.supports(defaults::quality)) props[field::quality]["default"] = str(to_string(defaults::quality));
  props[field::aspect_ratio] = {{"type", "string"},
                                {"enum", ratios},
                                {"default", str(to_string(defaults::aspect_ratio))},
                                {"description", "Output aspect ratio: " + joined(ratios) + " (invalid_enum)."}};
  props[field::generate_audio] = {
      {"type", "boolean"}, {"default", defaults::generate_audio}, {"description", "Generate a synchronized sound track (no extra cost)."}};
  props[field::content_filter] = {{"type", "boolean"},
                                  {"default", defaults::content_filter},
                                  {"description", "Standard content checks; false relaxes them, at a higher price."}};
  props[field::model_params] = model_params_schema(m);
  props[field::callback_url] = {{"type", "string"},
                                {"format", "uri"},
                                {"maxLength", limits::callback_url_max_chars},
                                {"pattern", str(https_prefix_pattern)},
                                {"description", "HTTPS URL called when the task ends; at most " + num(limits::callback_url_max_chars) +
                                                    " characters (callback_not_https, callback_too_long). Its host (callback_private_host) "
                                                    "is checked by the runtime validator only."}};

  nlohmann::json required = nlohmann::json::array({str(field::model), str(field::prompt)});
  if (m.images.min > 0) required.push_back(str(field::image_urls));

  nlohmann::json s = {
      {"$schema", str(schema_draft)},
      {"title", "Seedance 2.0 request: " + id},
      {"description", "Body of POST /v1/videos/generations for " + id + " (" + str(to_string(m.mode)) + ", " + str(to_string(m.tier)) +
                          " tier), generated from seedance/spec.hpp. Fields the API does not define are "
                          "allowed (the runtime validator warns: unknown_field)."},
      {"type", "object"},
      {"required", required},
      {"properties", props},
      {"additionalProperties", true}};

  // Rules across fields, as if/then pairs: at the top level when there is one, under allOf otherwise.
  nlohmann::json conditions = nlohmann::json::array();
  if (m.audio_needs_visual) {
    // audio_needs_visual: a non-empty audio_urls needs a non-empty image_urls or video_urls.
    conditions.push_back({{"if", non_empty(field::audio_urls)},
                          {"then",
                           {{"anyOf", nlohmann::json::array({non_empty(field::image_urls), non_empty(field::video_urls)})},
                            {"description", "Audio references need an image or a video (audio_needs_visual)."}}}});
  }
  if (m.web_search) {
    // web_search_without_content_filter: web search on needs the content filter on (section 9).
    conditions.push_back({{"if",
                           {{"required", nlohmann::json::array({str(field::model_params)})},
                            {"properties",
                             {{str(field::model_params),
                               {{"required", nlohmann::json::array({str(field::web_search)})},
                                {"properties", {{str(field::web_search), {{"const", true}}}}}}}}}}},
                          {"then",
                           {{"properties", {{str(field::content_filter), {{"const", true}}}}},
                            {"description",
                             "Web search needs the content filter: content_filter false is refused "
                             "(web_search_without_content_filter)."}}}});
  }
  if (conditions.size() == 1) {
    s["if"] = conditions[0]["if"];
    s["then"] = conditions[0]["then"];
  } else if (conditions.size() > 1) {
    s["allOf"] = std::move(conditions);
  }
  return s;
}

}  // namespace detail::schema

/// JSON Schema (draft 7, which valijson supports) of the request body for one model;
/// `std::nullopt` for an id that is not a model of the table.
[[nodiscard]] inline std::optional<nlohmann::json> json_schema(std::string_view model_id) {
  const model_info* m = find_model(model_id);
  if (m == nullptr) return std::nullopt;
  return detail::schema::request_schema(*m);
}

/// Every model's schema, as an object keyed by model id (`nlohmann::json` keeps object keys sorted, so
/// iteration is by id, not in `model_catalog` order).
[[nodiscard]] inline nlohmann::json json_schema_all() {
  nlohmann::json out = nlohmann::json::object();
  for (const model_info& m : model_catalog) out[m.id] = detail::schema::request_schema(m);
  return out;
}

}  // namespace seedance

#endif  // SEEDANCE_SCHEMA_HPP

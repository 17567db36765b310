// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// nlohmann/json conversions, found by ADL: `nlohmann::json j = req;` gives exactly the API body
// (only the fields that were set, with the spec's strings), and `j.get<seedance::request_body>()`
// reads one back.
#ifndef SEEDANCE_JSON_HPP
#define SEEDANCE_JSON_HPP

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detail/text.hpp"
#include "request.hpp"
#include "spec.hpp"

namespace seedance {

/// Writes `e` as its wire string.
template <spec_enum E>
void to_json(nlohmann::json& j, E e) {
  j = std::string(to_string(e));
}

/// Reads `e` from its wire string; throws `nlohmann::json::type_error` for a non-string and
/// `nlohmann::json::out_of_range` for a string that names no enumerator (as `get` does).
template <spec_enum E>
void from_json(const nlohmann::json& j, E& e) {
  const auto& s = j.get_ref<const nlohmann::json::string_t&>();
  const std::optional<E> v = parse<E>(s);
  if (!v) throw nlohmann::json::out_of_range::create(406, "seedance: '" + s + "' is not a valid value here", &j);
  e = *v;
}

/// The API body: `model`, `prompt`, and every other field only when it was set.
inline void to_json(nlohmann::json& j, const request_body& b) {
  j = nlohmann::json::object();
  j[field::model] = b.model;
  j[field::prompt] = b.prompt;
  for (media_kind k : {media_kind::image, media_kind::video, media_kind::audio}) {
    if (const auto& urls = b.urls(k)) j[urls_field(k)] = *urls;
  }
  if (b.duration) j[field::duration] = *b.duration;
  if (b.quality) j[field::quality] = *b.quality;
  if (b.aspect_ratio) j[field::aspect_ratio] = *b.aspect_ratio;
  if (b.generate_audio) j[field::generate_audio] = *b.generate_audio;
  if (b.content_filter) j[field::content_filter] = *b.content_filter;
  if (b.web_search) j[field::model_params] = {{field::web_search, *b.web_search}};
  if (b.callback_url) j[field::callback_url] = *b.callback_url;
}

namespace detail {
/// What a JSON value of type `t` is, for messages: "an integer", "a number with a fraction or
/// exponent", ... (static text). The streaming validator names values it never builds with it.
constexpr std::string_view json_kind_name(nlohmann::json::value_t t) noexcept {
  switch (t) {
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return "an integer";
    case nlohmann::json::value_t::number_float: return "a number with a fraction or exponent";
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    default: return "a value of another type";
  }
}
/// The same for a value.
inline std::string_view json_kind_name(const nlohmann::json& v) noexcept { return json_kind_name(v.type()); }
inline std::string json_kind(const nlohmann::json& v) { return std::string(json_kind_name(v)); }

[[noreturn]] inline void json_wrong_type(std::string_view name, std::string_view expected, const nlohmann::json& v) {
  throw nlohmann::json::type_error::create(
      302, "seedance: '" + std::string(name) + "' must be " + std::string(expected) + ", not " + json_kind(v), &v);
}

// The readers below take no conversion that nlohmann's get<> would make: no number from a
// boolean, no truncated float, no integer wrapped into range. Each error names the field.
inline void json_read(const nlohmann::json& v, std::string_view name, std::string& out) {
  if (!v.is_string()) json_wrong_type(name, "a string", v);
  out = v.get_ref<const nlohmann::json::string_t&>();
}
inline void json_read(const nlohmann::json& v, std::string_view name, bool& out) {
  if (!v.is_boolean()) json_wrong_type(name, "true or false", v);
  out = v.get<bool>();
}
inline void json_read(const nlohmann::json& v, std::string_view name, int& out) {
  // is_number_integer() is false for booleans and for floats, 5.0 and 1e300 included.
  if (!v.is_number_integer()) json_wrong_type(name, "an integer", v);
  constexpr auto lo = static_cast<long long>(std::numeric_limits<int>::min());
  constexpr auto hi = static_cast<long long>(std::numeric_limits<int>::max());
  const bool fits = v.is_number_unsigned() ? v.get<std::uint64_t>() <= static_cast<std::uint64_t>(hi)
                                           : lo <= v.get<std::int64_t>() && v.get<std::int64_t>() <= hi;
  if (!fits) {
    throw nlohmann::json::out_of_range::create(
        406, "seedance: '" + std::string(name) + "' is " + v.dump() + ", which does not fit in an int", &v);
  }
  out = static_cast<int>(v.get<std::int64_t>());
}
template <spec_enum E>
void json_read(const nlohmann::json& v, std::string_view name, E& out) {
  if (!v.is_string()) json_wrong_type(name, "a string", v);
  const auto& s = v.get_ref<const nlohmann::json::string_t&>();
  const std::optional<E> e = parse<E>(s);
  if (!e) {
    std::string one_of;
    for (std::string_view w : enum_strings<E>::values) one_of += (one_of.empty() ? "" : ", ") + std::string(w);
    throw nlohmann::json::out_of_range::create(406, "seedance: '" + std::string(name) + "' is \"" + s + "\", which is not one of " + one_of,
                                               &v);
  }
  out = *e;
}
inline void json_read(const nlohmann::json& v, std::string_view name, std::vector<std::string>& out) {
  if (!v.is_array()) json_wrong_type(name, "an array of strings", v);
  out.clear();
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) json_wrong_type(std::string(name) + "[" + std::to_string(i) + "]", "a string", v[i]);
    out.push_back(v[i].get<std::string>());
  }
}

template <class T>
void json_read_optional(const nlohmann::json& j, std::string_view key, std::string_view name, std::optional<T>& out) {
  if (auto it = j.find(key); it != j.end()) json_read(*it, name, out.emplace());
}
template <class T>
void json_read_optional(const nlohmann::json& j, std::string_view key, std::optional<T>& out) {
  json_read_optional(j, key, key, out);
}
template <class T>
void json_read_required(const nlohmann::json& j, std::string_view key, T& out) {
  const auto it = j.find(key);
  if (it == j.end()) {
    throw nlohmann::json::out_of_range::create(403, "seedance: the request body has no " + detail::text::quote(key, detail::text::name),
                                               &j);
  }
  json_read(*it, key, out);
}
}  // namespace detail

/// Reads the API body. Throws `nlohmann::json::type_error` for a non-object, a field of the wrong
/// JSON type (a float, a boolean or a string where an integer belongs, a number where a string or
/// a boolean belongs, null anywhere, a non-object `model_params`) and
/// `nlohmann::json::out_of_range` for a missing `model` or `prompt`, an integer that does not fit
/// in an `int` or an unknown enum string; each message names the field. Nothing is converted.
/// Unknown fields (and unknown keys of `model_params`) are ignored. For untrusted input use the
/// runtime validator, which reports all problems instead of the first.
inline void from_json(const nlohmann::json& j, request_body& b) {
  if (!j.is_object()) {
    throw nlohmann::json::type_error::create(302, "seedance: a request body must be an object, not " + detail::json_kind(j), &j);
  }
  b = request_body{};
  detail::json_read_required(j, field::model, b.model);
  detail::json_read_required(j, field::prompt, b.prompt);
  for (media_kind k : {media_kind::image, media_kind::video, media_kind::audio}) detail::json_read_optional(j, urls_field(k), b.urls(k));
  detail::json_read_optional(j, field::duration, b.duration);
  detail::json_read_optional(j, field::quality, b.quality);
  detail::json_read_optional(j, field::aspect_ratio, b.aspect_ratio);
  detail::json_read_optional(j, field::generate_audio, b.generate_audio);
  detail::json_read_optional(j, field::content_filter, b.content_filter);
  if (auto it = j.find(field::model_params); it != j.end()) {
    if (!it->is_object()) detail::json_wrong_type(field::model_params, "an object", *it);
    const std::string name = std::string(field::model_params) + "." + std::string(field::web_search);
    detail::json_read_optional(*it, field::web_search, name, b.web_search);
  }
  detail::json_read_optional(j, field::callback_url, b.callback_url);
}

/// The typed request's API body. Refuses, at compile time, a request that cannot be sent
/// (see `request::assert_complete`).
template <model_type M, std::size_t I, std::size_t V, std::size_t A>
void to_json(nlohmann::json& j, const request<M, I, V, A>& r) {
  request<M, I, V, A>::assert_complete();
  to_json(j, r.body());
}

/// Reads an API body as a typed request of model `M`; `std::nullopt` when the JSON is not a
/// request body, names another model, or holds what `M`'s type cannot (see `typed`). Never throws
/// for bad JSON content.
template <model_type M>
[[nodiscard]] std::optional<dynamic_request<M>> request_from_json(const nlohmann::json& j) {
  request_body b;
  try {
    from_json(j, b);
  } catch (const nlohmann::json::exception&) { return std::nullopt; }
  return typed<M>(std::move(b));
}

}  // namespace seedance

#endif  // SEEDANCE_JSON_HPP

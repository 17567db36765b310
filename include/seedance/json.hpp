// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// nlohmann/json conversions, found by ADL: `nlohmann::json j = req;` gives exactly the API body
// (only the fields that were set, with the spec's strings), and `j.get<seedance::request_body>()`
// reads one back.
#ifndef SEEDANCE_JSON_HPP
#define SEEDANCE_JSON_HPP

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
template <class T>
void read_optional(const nlohmann::json& j, std::string_view key, std::optional<T>& out) {
  if (auto it = j.find(key); it != j.end()) out = it->template get<T>();
}
}  // namespace detail

/// Reads the API body. Throws nlohmann's exceptions for a non-object, a missing `model` or
/// `prompt`, a field of the wrong type or an unknown enum string; ignores unknown fields. For
/// untrusted input use the runtime validator, which reports all problems instead of the first.
inline void from_json(const nlohmann::json& j, request_body& b) {
  b = request_body{};
  j.at(field::model).get_to(b.model);
  j.at(field::prompt).get_to(b.prompt);
  for (media_kind k : {media_kind::image, media_kind::video, media_kind::audio})
    detail::read_optional(j, urls_field(k), b.urls(k));
  detail::read_optional(j, field::duration, b.duration);
  detail::read_optional(j, field::quality, b.quality);
  detail::read_optional(j, field::aspect_ratio, b.aspect_ratio);
  detail::read_optional(j, field::generate_audio, b.generate_audio);
  detail::read_optional(j, field::content_filter, b.content_filter);
  if (auto it = j.find(field::model_params); it != j.end()) detail::read_optional(*it, field::web_search, b.web_search);
  detail::read_optional(j, field::callback_url, b.callback_url);
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
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
  return typed<M>(std::move(b));
}

}  // namespace seedance

#endif  // SEEDANCE_JSON_HPP

// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/estimate.hpp> (include that, not this header): reading the priced fields of a
// body, and the validate-then-price frame of the overloads.
#ifndef SEEDANCE_ESTIMATE_HPP
#error "include <seedance/estimate.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_ESTIMATE_READ_HPP
#define SEEDANCE_DETAIL_ESTIMATE_READ_HPP

namespace seedance::detail::estimate {

/// Reads the priced fields of a JSON body without throwing; false (with `error`) when a field the
/// price needs cannot be read.
inline bool read_priced(const nlohmann::json& j, priced_request& q, std::string& error) {
  if (!j.is_object()) {
    error = "the request is not a JSON object";
    return false;
  }
  // One pass over the members (keys are unique), then the fields in the order their errors are
  // reported: model, duration, quality.
  const nlohmann::json *model = nullptr, *duration = nullptr, *quality = nullptr, *videos = nullptr, *content_filter = nullptr,
                       *model_params = nullptr;
  for (const auto& [key, value] : j.get_ref<const nlohmann::json::object_t&>()) {
    if (key == field::model) model = &value;
    else if (key == field::duration) duration = &value;
    else if (key == field::quality) quality = &value;
    else if (key == field::video_urls) videos = &value;
    else if (key == field::content_filter) content_filter = &value;
    else if (key == field::model_params) model_params = &value;
  }
  if (model == nullptr || !model->is_string()) {
    error = "the request has no model";
    return false;
  }
  q.model = model->get_ref<const std::string&>();
  if (duration != nullptr) {
    if (!duration->is_number_integer() ||
        (duration->is_number_unsigned() && duration->get<std::uint64_t>() > static_cast<std::uint64_t>(i64_max))) {
      error = "duration is not an integer";
      return false;
    }
    q.duration = duration->get<long long>();
  }
  if (quality != nullptr) {
    if (!quality->is_string()) {
      error = "quality is not a string";
      return false;
    }
    q.quality = quality->get_ref<const std::string&>();
  }
  if (videos != nullptr && videos->is_array()) {
    for (const auto& u : *videos)
      if (u.is_string()) q.videos.push_back(u.get_ref<const std::string&>());
  }
  if (content_filter != nullptr && content_filter->is_boolean()) q.content_filter = content_filter->get<bool>();
  if (model_params != nullptr && model_params->is_object()) {
    auto w = model_params->find(field::web_search);
    q.web_search = w != model_params->end() && w->is_boolean() && w->get<bool>();
  }
  return true;
}

inline priced_request read_priced(const request_body& b) {
  priced_request q;
  q.model = b.model;
  if (b.duration) q.duration = *b.duration;
  if (b.quality) q.quality = to_string(*b.quality);
  if (b.video_urls)
    for (const std::string& u : *b.video_urls) q.videos.push_back(u);
  q.content_filter = b.content_filter;
  q.web_search = b.web_search.value_or(false);
  return q;
}

/// A result without an estimate whose reason is an allocation failure (the one exception the
/// library's code can meet).
inline void out_of_memory(estimate_result& res) noexcept {
  res.estimate.reset();
  try {
    res.error = "out of memory";
  } catch (...) {}
}

inline void no_estimate_from_report(estimate_result& res) {
  res.error = "the request is invalid (" + std::to_string(res.report.errors()) + " error" + (res.report.errors() == 1 ? "" : "s") +
              " in the report): no estimate";
}

/// The overloads with a table: the body validated first (when options.validate asks), then
/// `price(res)`; an allocation failure is the error "out of memory". Never throws.
template <class Body, class Price>
estimate_result validated_estimate(const Body& body, const media_map& media, const estimate_options& options, Price price) noexcept {
  estimate_result res;
  try {
    if (options.validate) {
      res.report = seedance::validate(body, media, options.validation);
      if (!res.report.ok()) {
        no_estimate_from_report(res);
        return res;
      }
    }
    price(res);
  } catch (...) { out_of_memory(res); }
  return res;
}

/// The overloads without a table: `estimate(default_pricing())`; an allocation failure while the
/// default table loads is the error "out of memory" (and the next call tries again). Never throws.
template <class Estimate>
estimate_result on_default_pricing(Estimate estimate) noexcept {
  const pricing_table* table = nullptr;
  try {
    table = &default_pricing();
  } catch (...) {
    estimate_result res;
    out_of_memory(res);
    return res;
  }
  return estimate(*table);
}

}  // namespace seedance::detail::estimate

#endif  // SEEDANCE_DETAIL_ESTIMATE_READ_HPP

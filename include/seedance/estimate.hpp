// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Cost estimation: `seedance::estimate_cost(request, pricing, media)` validates the request, maps it
// to the pricing feed's parameters (docs/spec.md section 6) and prices it with a `pricing_table` (by
// default the table shipped in pricing_data.hpp). The result is a range of credits (equal ends when
// the request decides the price), the same in CNY and USD, the components, and the assumptions made,
// in plain words, each marked when it is an inference. Never throws; an invalid request gets no
// estimate but the validation report. See docs/pricing.md.
#ifndef SEEDANCE_ESTIMATE_HPP
#define SEEDANCE_ESTIMATE_HPP

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "decimal.hpp"
#include "detail/pricing/range.hpp"
#include "json.hpp"
#include "media.hpp"
#include "pricing.hpp"
#include "pricing_data.hpp"
#include "report.hpp"
#include "request.hpp"
#include "spec.hpp"
#include "validate.hpp"

namespace seedance {

/// The feed's parameter names that a request maps to (the feed's vocabulary, schema_version "2").
namespace pricing_parameters {
inline constexpr std::string_view duration_seconds = "duration_seconds";
inline constexpr std::string_view quality = "quality";
inline constexpr std::string_view input_seconds = "input_seconds";
inline constexpr std::string_view search_count = "search_count";
/// Bound from the request's content_filter (true when absent) when a row declares it; otherwise
/// the inferred factor applies (pricing_defaults::content_filter_off_factor).
inline constexpr std::string_view content_filter = "content_filter";
}  // namespace pricing_parameters

/// Conversions and switches of one estimate.
struct estimate_options {
  /// CNY per credit and CNY per USD (defaults: the provider's 0.1 and 6.8).
  decimal cny_per_credit = pricing_defaults::cny_per_credit;
  decimal cny_per_usd = pricing_defaults::cny_per_usd;
  /// Validate the request first (the default). Turn off only for a request already validated:
  /// an unvalidated request is priced as far as its fields can be read.
  bool validate = true;
  /// The options of that validation (strict mode: unknown_field and field_ignored are errors, so
  /// such a request gets no estimate).
  validate_options validation{};
};

/// One amount in every unit: uc (the feed's unit), credits, CNY, USD. Exact; format with
/// `decimal::to_fixed`.
struct money {
  decimal uc;
  decimal credits;
  decimal cny;
  decimal usd;
};

/// The tier of a component that priced it (the feed's `tiers`): its SKU, absolute rate,
/// multiplier and minimum charge.
struct cost_tier {
  std::string sku_id;
  decimal rate_uc;
  decimal multiplier{1};
  decimal minimum_uc;
};

/// One priced component of the estimate.
struct cost_component {
  std::string id;                     // the feed's component id: "video_output", "web_search"
  std::string unit;                   // the feed's unit: "output_second", "search", ...
  decimal quantity_min, quantity_max; // the quantity_rule's value at the low and high end
  decimal rate_uc;                    // uc per unit: the selected tier's rate, or the component's (at the low end)
  decimal rate_max_uc;                // the same at the high end of a range (a tier can change inside it)
  std::optional<cost_tier> tier;      // the tier selected (at the low end); empty: the component's own rate
  std::optional<cost_tier> tier_max;  // the tier at the high end, when the selection differs from the low end's
  std::int64_t amount_min_uc = 0;     // after rounding and minimum charge, before the content-filter factor
  std::int64_t amount_max_uc = 0;
  bool minimum_applied = false;       // the minimum charge decided the amount (at either end)
  /// Billed per use, and how many uses is unknown before the run (web search): the amounts above are
  /// for zero uses; `per_use` of the estimate gives the price of one.
  bool per_use = false;
};

/// The price of one use of a per-use component (one web search), factor included.
struct per_use_price {
  std::string component;
  std::string unit;
  money price;
};

/// An assumption the estimate rests on, in plain words; `inference` marks what the provider does
/// not state and the library concluded.
struct assumption {
  std::string text;
  bool inference = false;
};

/// A cost estimate.
struct cost_estimate {
  std::string model;
  /// The range: `min` and `max` are equal when the request decides the price. When
  /// `open_upper_bound`, per-use charges (`per_use`) come on top of `max` and there is no upper bound.
  money min;
  money max;
  bool open_upper_bound = false;
  /// For a range: true when `min` and `max` are proven to be prices some value of the range gets
  /// (exact bounds); false when they are a guaranteed but possibly loose bound (an assumption says
  /// why).
  bool range_exact = true;
  std::vector<per_use_price> per_use;
  /// The factor applied to the total (1, or 1.1 for content_filter false: an inference).
  decimal factor{1};
  std::vector<cost_component> components;
  std::vector<assumption> assumptions;

  /// The request decides the price: one figure, no unknowns.
  [[nodiscard]] bool exact() const noexcept { return !open_upper_bound && min.uc == max.uc; }
};

/// The result of `estimate_cost`: the estimate, or why there is none (the validation report, or a
/// pricing error for a valid request the table cannot price).
struct estimate_result {
  seedance::report report;
  std::optional<cost_estimate> estimate;
  std::string error;  // one sentence when there is no estimate
  [[nodiscard]] bool ok() const noexcept { return estimate.has_value(); }
};

// =============================================================================================
// Implementation
// =============================================================================================

}  // namespace seedance

#include "detail/estimate/price.hpp"  // estimate_fields: the priced fields to an estimate
#include "detail/estimate/read.hpp"   // read_priced and the overloads' frame

namespace seedance {

/// Estimates the cost of a request body given as parsed JSON. Never throws.
[[nodiscard]] inline estimate_result estimate_cost(const nlohmann::json& body, const pricing_table& table, const media_map& media = {},
                                                   const estimate_options& options = {}) noexcept {
  return detail::estimate::validated_estimate(body, media, options, [&](estimate_result& res) {
    detail::estimate::priced_request q;
    if (detail::estimate::read_priced(body, q, res.error)) detail::estimate::estimate_fields(q, table, media, options, res);
  });
}

/// As above, on the default table (pricing_data.hpp; loaded on the first call: an allocation
/// failure then is the error "out of memory", and the next call tries again).
[[nodiscard]] inline estimate_result estimate_cost(const nlohmann::json& body, const media_map& media = {},
                                                   const estimate_options& options = {}) noexcept {
  return detail::estimate::on_default_pricing([&](const pricing_table& table) { return estimate_cost(body, table, media, options); });
}

/// A request body given as fields.
[[nodiscard]] inline estimate_result estimate_cost(const request_body& body, const pricing_table& table, const media_map& media = {},
                                                   const estimate_options& options = {}) noexcept {
  return detail::estimate::validated_estimate(body, media, options, [&](estimate_result& res) {
    detail::estimate::estimate_fields(detail::estimate::read_priced(body), table, media, options, res);
  });
}
[[nodiscard]] inline estimate_result estimate_cost(const request_body& body, const media_map& media = {},
                                                   const estimate_options& options = {}) noexcept {
  return detail::estimate::on_default_pricing([&](const pricing_table& table) { return estimate_cost(body, table, media, options); });
}

/// A typed request.
template <model_type M, std::size_t I, std::size_t V, std::size_t A>
[[nodiscard]] estimate_result estimate_cost(const request<M, I, V, A>& r, const pricing_table& table, const media_map& media = {},
                                            const estimate_options& options = {}) noexcept {
  return estimate_cost(r.body(), table, media, options);
}
template <model_type M, std::size_t I, std::size_t V, std::size_t A>
[[nodiscard]] estimate_result estimate_cost(const request<M, I, V, A>& r, const media_map& media = {},
                                            const estimate_options& options = {}) noexcept {
  return estimate_cost(r.body(), media, options);
}

/// JSON text: validated in one streaming pass, which keeps the fields the estimate reads (no DOM);
/// text that does not parse gets the validator's invalid_json.
[[nodiscard]] inline estimate_result estimate_cost_text(std::string_view text, const pricing_table& table, const media_map& media = {},
                                                        const estimate_options& options = {}) noexcept {
  estimate_result res;
  try {
    validated_request v = validate_request(text, media, options.validation);
    res.report = std::move(v.diagnostics);
    if (!res.report.ok() || !v.body) {
      detail::estimate::no_estimate_from_report(res);
      return res;
    }
    // The fields the API defines, kept by the validation's single pass (no second parse, no DOM).
    estimate_options o = options;
    o.validate = false;  // just done, on the text
    seedance::report keep = std::move(res.report);
    res = estimate_cost(*v.body, table, media, o);
    res.report = std::move(keep);
  } catch (...) { detail::estimate::out_of_memory(res); }
  return res;
}

}  // namespace seedance

#include "detail/estimate/render.hpp"  // to_text, to_json and cost_range_text of an estimate, with their options

#endif  // SEEDANCE_ESTIMATE_HPP

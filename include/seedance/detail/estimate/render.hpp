// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/estimate.hpp> (include that, not this header): the renderings of an estimate,
// text and JSON, in the library's form and in the `seedance` tool's (docs/api.md, "Renderings").
#ifndef SEEDANCE_ESTIMATE_HPP
#error "include <seedance/estimate.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_ESTIMATE_RENDER_HPP
#define SEEDANCE_DETAIL_ESTIMATE_RENDER_HPP

namespace seedance {

// ---------------------------------------------------------------------------------------------
// Renderings
// ---------------------------------------------------------------------------------------------

namespace detail {
/// " [tier 4002-1080p]" (or "[tier A to B]" when the tier changes inside a range); empty for a
/// component priced at its own rate.
inline std::string tier_text(const cost_component& c) {
  if (!c.tier && !c.tier_max) return {};
  const auto name = [](const std::optional<cost_tier>& t) {
    return t ? (t->sku_id.empty() ? std::string("(no sku_id)") : t->sku_id) : std::string("own rate");
  };
  std::string s = " [tier " + name(c.tier);
  if (c.tier_max) s += " to " + name(c.tier_max);
  else if (c.rate_max_uc != c.rate_uc && !c.rate_max_uc.is_zero()) s += " to own rate";  // no tier at the high end
  return s + "]";
}
/// "R" or "R1 to R2": the rate at the two ends (in uc).
inline std::string rate_text(const cost_component& c) {
  std::string s = c.rate_uc.to_string();
  if (c.rate_max_uc != c.rate_uc && !c.rate_max_uc.is_zero()) s += " to " + c.rate_max_uc.to_string();
  return s;
}

inline std::string money_range_text(const decimal& lo, const decimal& hi, int places, std::string_view unit) {
  std::string s = lo.to_fixed(places);
  if (hi != lo) s += " to " + hi.to_fixed(places);
  return s + " " + std::string(unit);
}
}  // namespace detail

/// A cost range for people, to the cent: `164.43 to 205.54 credits (CNY 16.44 to 20.55, USD 2.42 to 3.02)`;
/// one figure each when `lo` and `hi` are equal, `X or more` when `open_upper_bound` (`hi` is then not shown).
/// The form of `seedance check` and `seedance cost` (docs/cli.md), used by `to_text` with `estimate_text_layout::listing`.
[[nodiscard]] inline std::string cost_range_text(const money& lo, const money& hi, bool open_upper_bound) {
  const auto range = [open_upper_bound](const decimal& a, const decimal& b) {
    if (open_upper_bound) return a.to_fixed(2) + " or more";
    if (a == b) return a.to_fixed(2);
    return a.to_fixed(2) + " to " + b.to_fixed(2);
  };
  return range(lo.credits, hi.credits) + " credits (CNY " + range(lo.cny, hi.cny) + ", USD " + range(lo.usd, hi.usd) + ")";
}
/// The estimate's range, as above.
[[nodiscard]] inline std::string cost_range_text(const cost_estimate& e) { return cost_range_text(e.min, e.max, e.open_upper_bound); }

/// The two text forms of an estimate.
enum class estimate_text_layout {
  /// The library's (the default): the total in exact credits, the per-use prices on the same line,
  /// the components (per-use ones with their rate), the factor, the assumptions as `  - ` items.
  summary,
  /// `seedance cost`'s (docs/cli.md): the total as `cost_range_text`, then a line per component that is
  /// not per use, one per per-use price (`  + 0.04 credits per search (web_search)`), one per assumption
  /// (`  assumes: ...`).
  listing,
};

struct estimate_text_options {
  estimate_text_layout layout = estimate_text_layout::summary;
};

/// A few lines for people: the total in credits (CNY and USD to the cent), the per-use prices, the
/// components, the assumptions:
///   seedance-2.0-reference-to-video: 164.43 credits (16.44 CNY, 2.42 USD)
///   seedance-2.0-text-to-video: at least 67.5 credits (6.75 CNY, 0.99 USD), plus 0.04 credits per search
/// With `estimate_text_layout::listing`, `seedance cost`'s form:
///   seedance-2.0-reference-to-video: 164.43 to 205.54 credits (CNY 16.44 to 20.55, USD 2.42 to 3.02)
///     video_output: 12.18 to 15.225 input_plus_output_second x RATE uc = AMOUNT to AMOUNT uc
///     assumes: the duration of 1 of the 1 reference videos is not known: ...
[[nodiscard]] inline std::string to_text(const cost_estimate& e, const estimate_text_options& options) {
  if (options.layout == estimate_text_layout::listing) {
    std::string s = e.model + ": " + cost_range_text(e) + "\n";
    for (const cost_component& c : e.components) {
      s += "  " + c.id + detail::tier_text(c) + ": " + c.quantity_min.to_string();
      if (c.quantity_max != c.quantity_min) s += " to " + c.quantity_max.to_string();
      s += " " + c.unit + " x " + detail::rate_text(c) + " uc";
      if (!c.per_use) {
        s += " = " + std::to_string(c.amount_min_uc);
        if (c.amount_max_uc != c.amount_min_uc) s += " to " + std::to_string(c.amount_max_uc);
        s += " uc";
        if (c.minimum_applied) s += " (minimum charge)";
      }
      s += "\n";
    }
    for (const per_use_price& u : e.per_use)
      s += "  + " + u.price.credits.to_fixed(2) + " credits per " + u.unit + " (" + u.component + ")\n";
    for (const assumption& a : e.assumptions) s += "  assumes: " + a.text + "\n";
    return s;
  }
  std::string s = e.model + ": " + (e.open_upper_bound ? "at least " : "");
  s += e.min.credits.to_string();
  if (e.max.uc != e.min.uc) s += " to " + e.max.credits.to_string();
  s += " credits (" + detail::money_range_text(e.min.cny, e.max.cny, 2, "CNY") + ", " +
       detail::money_range_text(e.min.usd, e.max.usd, 2, "USD") + ")";
  for (const per_use_price& u : e.per_use)
    s += ", plus " + u.price.credits.to_string() + " credits per " + (u.unit.empty() ? u.component : u.unit);
  s += "\n";
  for (const cost_component& c : e.components) {
    s += "  " + c.id + detail::tier_text(c) + ": ";
    if (c.per_use) {
      s += c.rate_uc.to_string() + " uc per " + (c.unit.empty() ? "use" : c.unit) + ", count unknown\n";
      continue;
    }
    s += c.quantity_min.to_string();
    if (c.quantity_max != c.quantity_min) s += " to " + c.quantity_max.to_string();
    s += " " + c.unit + " x " + detail::rate_text(c) + " uc = " + std::to_string(c.amount_min_uc);
    if (c.amount_max_uc != c.amount_min_uc) s += " to " + std::to_string(c.amount_max_uc);
    s += " uc";
    if (c.minimum_applied) s += " (minimum charge)";
    s += "\n";
  }
  if (e.factor != decimal(1)) s += "  x " + e.factor.to_string() + " on the total (inference)\n";
  for (const assumption& a : e.assumptions) s += std::string("  - ") + (a.inference ? "[inference] " : "") + a.text + "\n";
  return s;
}
[[nodiscard]] inline std::string to_text(const cost_estimate& e) { return to_text(e, estimate_text_options{}); }

/// The two JSON layouts of an estimate.
enum class estimate_json_layout {
  /// The library's (the default): `"min"` and `"max"` are money objects (`uc`, `credits`, `cny`, `usd`),
  /// with `open_upper_bound` and `factor`; a component has `"id"`, `quantity_min`/`quantity_max`,
  /// `amount_min_uc`/`amount_max_uc`, `tier_max` and `rate_max_uc`; a per-use price has a money `"price"`;
  /// an assumption is `{"text", "inference"}`.
  by_bound,
  /// `seedance cost --format json`'s (docs/cli.md): `"credits"`, `"cny"`, `"usd"` are each `{"min", "max"}`
  /// (`max` null when there is no upper bound); a component has `"name"`, `"quantity": {"min", "max"}`,
  /// `"amount_uc": {"min", "max"}`; a per-use price has `credits`, `cny`, `usd`; an assumption is its text.
  by_currency,
};

/// How `to_json(const cost_estimate&, const estimate_json_options&)` writes an estimate. The defaults
/// are the library's form (that of `nlohmann::json j = estimate;`); `cli()` is `seedance cost`'s.
struct estimate_json_options {
  estimate_json_layout layout = estimate_json_layout::by_bound;
  /// Decimals as JSON numbers instead of exact decimal strings: rounded to 8 places, then written as
  /// the shortest exact text, so that a whole number is a JSON integer (`5`, not `5.0`).
  bool numbers = false;
  /// `seedance cost --format json`'s form: by currency, numbers.
  [[nodiscard]] static estimate_json_options cli() noexcept { return {estimate_json_layout::by_currency, true}; }
};

namespace detail {
/// A decimal as JSON: its exact string (or `to_fixed(8)` when `fixed8`), or a number rounded to 8 places.
inline nlohmann::json decimal_json(const decimal& d, bool number, bool fixed8 = false) {
  if (!number) return fixed8 ? d.to_fixed(8) : d.to_string();
  const std::optional<decimal> rounded = decimal::parse(d.to_fixed(8));
  return nlohmann::json::parse(rounded ? rounded->to_string() : d.to_fixed(8));
}
inline nlohmann::json money_json(const money& m, bool number) {
  return {{"uc", decimal_json(m.uc, number)},
          {"credits", decimal_json(m.credits, number)},
          {"cny", decimal_json(m.cny, number, true)},
          {"usd", decimal_json(m.usd, number, true)}};
}
}  // namespace detail

/// The estimate as JSON, in the layout and number form of `options`.
[[nodiscard]] inline nlohmann::json to_json(const cost_estimate& e, const estimate_json_options& options) {
  const bool num = options.numbers;
  const auto dec = [num](const decimal& d) { return detail::decimal_json(d, num); };
  const auto tier_json = [&](const std::optional<cost_tier>& t) -> nlohmann::json {
    if (!t) return nullptr;
    return {{"sku_id", t->sku_id}, {"rate_uc", dec(t->rate_uc)}, {"multiplier", dec(t->multiplier)}, {"minimum_uc", dec(t->minimum_uc)}};
  };
  nlohmann::json j = nlohmann::json::object();
  j["model"] = e.model;
  j["exact"] = e.exact();
  j["range_exact"] = e.range_exact;
  j["per_use"] = nlohmann::json::array();
  j["components"] = nlohmann::json::array();
  j["assumptions"] = nlohmann::json::array();
  if (options.layout == estimate_json_layout::by_currency) {
    const auto range = [&](const decimal& lo, const decimal& hi, bool open) {
      return nlohmann::json{{"min", dec(lo)}, {"max", open ? nlohmann::json(nullptr) : dec(hi)}};
    };
    j["credits"] = range(e.min.credits, e.max.credits, e.open_upper_bound);
    j["cny"] = range(e.min.cny, e.max.cny, e.open_upper_bound);
    j["usd"] = range(e.min.usd, e.max.usd, e.open_upper_bound);
    for (const cost_component& c : e.components)
      j["components"].push_back({{"name", c.id},
                                 {"unit", c.unit},
                                 {"tier", tier_json(c.tier)},
                                 {"quantity", range(c.quantity_min, c.quantity_max, false)},
                                 {"rate_uc", dec(c.rate_uc)},
                                 {"amount_uc", {{"min", c.amount_min_uc}, {"max", c.amount_max_uc}}},
                                 {"minimum_applied", c.minimum_applied},
                                 {"per_use", c.per_use}});
    for (const per_use_price& u : e.per_use)
      j["per_use"].push_back({{"component", u.component},
                              {"unit", u.unit},
                              {"credits", dec(u.price.credits)},
                              {"cny", dec(u.price.cny)},
                              {"usd", dec(u.price.usd)}});
    for (const assumption& a : e.assumptions) j["assumptions"].push_back(a.text);
    return j;
  }
  j["min"] = detail::money_json(e.min, num);
  j["max"] = detail::money_json(e.max, num);
  j["open_upper_bound"] = e.open_upper_bound;
  j["factor"] = dec(e.factor);
  for (const per_use_price& u : e.per_use)
    j["per_use"].push_back({{"component", u.component}, {"unit", u.unit}, {"price", detail::money_json(u.price, num)}});
  for (const cost_component& c : e.components)
    j["components"].push_back({{"id", c.id},
                               {"tier", tier_json(c.tier)},
                               {"tier_max", tier_json(c.tier_max)},
                               {"rate_max_uc", dec(c.rate_max_uc)},
                               {"unit", c.unit},
                               {"quantity_min", dec(c.quantity_min)},
                               {"quantity_max", dec(c.quantity_max)},
                               {"rate_uc", dec(c.rate_uc)},
                               {"amount_min_uc", c.amount_min_uc},
                               {"amount_max_uc", c.amount_max_uc},
                               {"minimum_applied", c.minimum_applied},
                               {"per_use", c.per_use}});
  for (const assumption& a : e.assumptions) j["assumptions"].push_back({{"text", a.text}, {"inference", a.inference}});
  return j;
}

/// `{"uc", "credits", "cny", "usd"}` as decimal strings (exact for uc and credits; CNY and USD to 8 places).
inline void to_json(nlohmann::json& j, const money& m) { j = detail::money_json(m, false); }

/// JSON for tools: the library's layout, amounts as decimal strings (exact for uc and credits; CNY and
/// USD to 8 places). `to_json(e, estimate_json_options::cli())` is `seedance cost`'s form.
inline void to_json(nlohmann::json& j, const cost_estimate& e) { j = to_json(e, estimate_json_options{}); }

}  // namespace seedance

#endif  // SEEDANCE_DETAIL_ESTIMATE_RENDER_HPP

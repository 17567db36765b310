// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/pricing.hpp> (include that, not this header): pricing a row: conditions,
// quantities, the tier, rounding, minimums and the total.
#ifndef SEEDANCE_PRICING_HPP
#error "include <seedance/pricing.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_PRICING_PRICE_HPP
#define SEEDANCE_DETAIL_PRICING_PRICE_HPP

namespace seedance {

template <class Values>
inline bool pricing_table::condition_of(const pricing_model& m, const pricing_component& c, const Values& values, bool& applies,
                                        std::string& error) const {
  if constexpr (std::is_same_v<Values, slot_values>)
    if (fast_truth(m, *c.condition, values, applies)) return true;
  pricing_value v;
  if (!component_value(m, c, *c.condition, values, {"condition", "condition", pricing_value::kind::boolean, "a truth value"}, v, error))
    return false;
  applies = v.boolean;
  return true;
}

template <class Values>
inline bool pricing_table::quantity_of(const pricing_model& m, const pricing_component& c, const Values& values, decimal& q,
                                       std::string& error) const {
  if constexpr (std::is_same_v<Values, slot_values>)
    if (fast_number(m, c.quantity, values, q)) return true;
  pricing_value v;
  if (!component_value(m, c, c.quantity, values, {"quantity_rule", "quantity", pricing_value::kind::number, "a number"}, v, error))
    return false;
  q = v.number;
  return true;
}

template <class Values>
inline bool pricing_table::component_value(const pricing_model& m, const pricing_component& c, std::uint32_t i, const Values& values,
                                           const tree_role& role, pricing_value& v, std::string& error) const {
  if (!eval(m, i, values, v, error)) {
    error = c.id + ": " + role.rule + ": " + error;
    return false;
  }
  if (v.type != role.kind) {
    error = c.id + ": the " + role.noun + " is " + detail::pricing::kind_name(v.type) + ", not " + role.expected;
    return false;
  }
  return true;
}

namespace detail::pricing {
[[nodiscard]] inline decimal round(const decimal& d, pricing_rounding mode) noexcept {
  return mode == pricing_rounding::ceil ? d.ceil() : mode == pricing_rounding::floor ? d.floor() : d.round_half_up();
}
/// A tier's name in messages: its sku_id, else its place.
inline std::string tier_name(const pricing_component& c, const pricing_tier& t) {
  if (!t.sku_id.empty()) return "tier " + detail::text::quote(t.sku_id, detail::text::feed_value);
  return "tier " + std::to_string(&t - c.tiers.data());
}

/// The charge of a component at its rounding point, before the minimum: with q the quantity, r the
/// rate and m the multiplier selected, per_component_subtotal: round(q x r); per_quantity:
/// round(q x m) x r / m; per_tier: q x round(r). Empty on overflow.
[[nodiscard]] inline std::optional<decimal> rounded(pricing_rounding_point point, pricing_rounding mode, const decimal& q, const decimal& r,
                                                    const decimal& m) noexcept {
  switch (point) {
    case pricing_rounding_point::per_component_subtotal: {
      const auto sub = multiply(q, r);
      if (!sub) return std::nullopt;
      return round(*sub, mode);
    }
    case pricing_rounding_point::per_quantity: {
      const auto qm = multiply(q, m);
      if (!qm) return std::nullopt;
      const auto per = divide(r, m);
      if (!per) return std::nullopt;
      return multiply(round(*qm, mode), *per);
    }
    case pricing_rounding_point::per_tier: return multiply(q, round(r, mode));
  }
  return std::nullopt;
}
}  // namespace detail::pricing

template <class Values>
inline bool pricing_table::select_tier(const pricing_model& m, const pricing_component& c, const Values& values, component_price& cp,
                                       std::string& error) const {
  const pricing_tier* chosen = nullptr;
  for (const pricing_tier& t : c.tiers) {
    bool holds = false;
    bool known = false;
    if constexpr (std::is_same_v<Values, slot_values>) known = fast_truth(m, t.when, values, holds);
    if (!known) {
      pricing_value v;
      if (!eval(m, t.when, values, v, error)) {
        error = c.id + ": " + detail::pricing::tier_name(c, t) + ": when: " + error;
        return false;
      }
      if (v.type != pricing_value::kind::boolean) {
        error = c.id + ": " + detail::pricing::tier_name(c, t) + ": the condition is " + detail::pricing::kind_name(v.type) +
                ", not a truth value";
        return false;
      }
      holds = v.boolean;
    }
    if (!holds) continue;
    if (chosen != nullptr) {
      error = c.id + ": both " + detail::pricing::tier_name(c, *chosen) + " and " + detail::pricing::tier_name(c, t) +
              " match; the rules price a request by exactly one tier, so they cannot price this one";
      return false;
    }
    chosen = &t;
  }
  cp.tier = chosen;
  if (chosen != nullptr) {
    if (!chosen->available()) {
      error = c.id + ": the selected " + detail::pricing::tier_name(c, *chosen) + " is not available (pricing_status " +
              detail::text::quote(chosen->pricing_status, detail::text::feed_value) + "): the rules do not price this request";
      return false;
    }
    cp.rate_uc = chosen->rate_uc;
    cp.multiplier = chosen->multiplier;
    cp.minimum_uc = chosen->minimum_uc;
  } else {
    if (!c.available()) {
      error = c.id + ": the component is not available (pricing_status " + detail::text::quote(c.pricing_status, detail::text::feed_value) +
              "): the rules do not price this request";
      return false;
    }
    cp.rate_uc = c.rate_uc;
    cp.multiplier = decimal(1);
    cp.minimum_uc = c.minimum_uc;
  }
  return true;
}

inline bool pricing_table::charge(const pricing_component& c, const decimal& q, component_price& cp, std::int64_t& total,
                                  std::string& error) {
  if (q.is_negative()) {
    error = c.id + ": the quantity " + q.to_string() + " is negative";
    return false;
  }
  cp.quantity = q;
  const auto sub = multiply(q, cp.rate_uc);
  const auto rounded = sub ? detail::pricing::rounded(c.point, c.rounding, q, cp.rate_uc, cp.multiplier) : std::nullopt;
  if (!rounded) {
    error = c.id + ": quantity x rate overflows";
    return false;
  }
  cp.subtotal_uc = *sub;
  cp.minimum_applied = *rounded < cp.minimum_uc;
  const decimal& amount = cp.minimum_applied ? cp.minimum_uc : *rounded;
  if (!amount.is_integer()) {
    error = c.id + ": the charge " + amount.to_string() + " uc is not a whole number of uc (" +
            (cp.minimum_applied ? std::string("the minimum charge") : std::string("rounded ") + std::string(to_string(c.point))) +
            "): the rules cannot price this request";
    return false;
  }
  cp.rounded_uc = rounded->is_integer() ? *rounded->to_integer() : *rounded->floor().to_integer();
  cp.amount_uc = *amount.to_integer();
  if (cp.amount_uc > detail::i64_max - total) {
    error = "the total overflows";
    return false;
  }
  total += cp.amount_uc;
  return true;
}

template <class Values>
inline bool pricing_table::price_components(const pricing_model& m, const Values& values, component_price* out, std::size_t& n,
                                            std::int64_t& total, std::string& error) const {
  if (!m.pricing_status.empty() && m.pricing_status != "available") {
    error = m.model_id + " is not available (pricing_status " + detail::text::quote(m.pricing_status, detail::text::feed_value) +
            "): the rules do not price it";
    return false;
  }
  for (const pricing_component& c : m.components) {
    component_price& cp = out[n];  // in place (a copy of a struct just written by parts stalls the store buffer)
    cp = component_price{};
    cp.component = &c;
    if (c.condition && !condition_of(m, c, values, cp.applies, error)) return false;
    if (cp.applies) {
      decimal q;
      if (!quantity_of(m, c, values, q, error) || !select_tier(m, c, values, cp, error) || !charge(c, q, cp, total, error)) return false;
    }
    ++n;
  }
  return true;
}

inline price_result pricing_table::price(const pricing_model& m, std::span<const pricing_variable> values) const noexcept {
  price_result r;
  try {
    // On an error too, the components priced before it are kept (as always): `n` counts them.
    std::size_t n = 0;
    if (const std::ptrdiff_t index = row_of(m); index >= 0) {
      const row_index& row = rows_[static_cast<std::size_t>(index)];
      std::array<const pricing_value*, inline_slots> small{};
      std::vector<const pricing_value*> large;
      const pricing_value** bound = small.data();
      if (row.slots.size() > small.size()) {
        large.assign(row.slots.size(), nullptr);
        bound = large.data();
      }
      if (!bind(m, row, values, bound, r.error)) return r;
      r.components.resize(m.components.size());
      (void)price_components(m, slot_values{&row, bound}, r.components.data(), n, r.total_uc, r.error);
    } else {  // a row of another table (or a copy): by name, as given
      if (!check_parameters(m, values, r.error)) return r;
      r.components.resize(m.components.size());
      (void)price_components(m, named_values{values}, r.components.data(), n, r.total_uc, r.error);
    }
    r.components.resize(n);
  } catch (...) {
    r.components.clear();
    r.error = "out of memory";
  }
  return r;
}

}  // namespace seedance

#endif  // SEEDANCE_DETAIL_PRICING_PRICE_HPP

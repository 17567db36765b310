// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// A budget checked before sending (docs/client.md): a per-request cap in credits against the
// estimate's maximum. Not in the umbrella.
#ifndef SEEDANCE_BUDGET_HPP
#define SEEDANCE_BUDGET_HPP

#include <optional>
#include <string>

#include "decimal.hpp"
#include "estimate.hpp"

namespace seedance {

/// Whether a request may be sent under a cap, and why not.
struct budget_verdict {
  bool allowed = true;
  std::string reason;  ///< one sentence when refused
  explicit operator bool() const noexcept { return allowed; }
};

/// Checks `estimate` against `max_credits`. Without a cap everything is allowed. With a cap, a
/// request is refused when its estimate's maximum passes the cap, when its price is open (web
/// searches or an unknown reference-video length have no upper bound), or when it could not be
/// priced at all (`estimate` empty): a cap must hold whatever the request costs.
[[nodiscard]] inline budget_verdict check_budget(const std::optional<cost_estimate>& estimate, std::optional<decimal> max_credits) {
  budget_verdict v;
  if (!max_credits) return v;
  v.allowed = false;
  const std::string cap = max_credits->to_string();
  if (!estimate) {
    v.reason = "the request could not be priced, so a cap of " + cap + " credits cannot be kept: refused";
  } else if (estimate->open_upper_bound) {
    v.reason = "the price has no upper bound (from " + estimate->min.credits.to_string() + " credits, plus per-use charges), so a cap of " +
               cap + " credits cannot be kept: refused";
  } else if (estimate->max.credits > *max_credits) {
    v.reason = "the estimate's maximum, " + estimate->max.credits.to_string() + " credits, is over the cap of " + cap + " credits: refused";
  } else {
    v.allowed = true;
  }
  return v;
}

}  // namespace seedance

#endif  // SEEDANCE_BUDGET_HPP

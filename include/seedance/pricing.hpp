// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// The provider's pricing rules, as data: `pricing_table` loads the pricing-rules feed
// (`GET /v1/catalog/pricing-rules`, schema_version "2"; docs/spec.md sections 6 and 9) and prices a
// model for given parameter values. Each component's `quantity_rule` and `condition`, and each
// tier's `when`, are expression trees (the provider's 22 operators), evaluated in exact arithmetic
// (`seedance::decimal`); exactly one matching tier (or none: the component's own rate) gives the
// rate, multiplier and minimum; the charge is rounded at the component's rounding point (per
// quantity, per tier or per component subtotal; half_up, ceil or floor), raised to the selected
// minimum, and must be whole uc. No price is written in this file: prices come from the feed, and
// the feed shipped with the library is `pricing_data.hpp`.
//
// The feed is untrusted input: loading never throws, an unknown operator (or any malformed part
// that affects a price) is a load error naming the JSON pointer, trees are bounded in depth and
// size (`pricing_limits`), and evaluation reports overflow and division by zero as errors.
// Unknown models and unknown fields are ignored.
#ifndef SEEDANCE_PRICING_HPP
#define SEEDANCE_PRICING_HPP

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <type_traits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "decimal.hpp"
#include "detail/json_text.hpp"
#include "detail/text.hpp"
#include "spec.hpp"

namespace seedance {

/// Bounds on what a feed may contain (a feed is untrusted input).
namespace pricing_limits {
/// JSON text larger than this is not parsed.
inline constexpr std::size_t max_feed_bytes = 32 * mib;
/// Nesting depth of one expression tree (the Seedance rows need 8).
inline constexpr std::size_t max_depth = 32;
/// Nesting of arrays and objects in feed text, checked before it is parsed: each level of a tree
/// is an object and its `args` array, and the feed's own structure (root, models, row, components,
/// component, rule) adds a few (the Seedance feed nests 20 deep).
inline constexpr std::size_t max_json_depth = 2 * max_depth + 8;
/// Nodes in one expression tree (the provider's bound; the Seedance rows need at most 24).
inline constexpr std::size_t max_nodes = 10000;
/// Arguments of one operator, entries of one lookup.
inline constexpr std::size_t max_args = 64;
inline constexpr std::size_t max_lookup_entries = 256;
/// Components and parameters of one model row.
inline constexpr std::size_t max_components = 32;
inline constexpr std::size_t max_parameters = 32;
/// Tiers of one component.
inline constexpr std::size_t max_tiers = 64;
/// Length of a name, lookup key or constant.
inline constexpr std::size_t max_text = 256;
}  // namespace pricing_limits

/// The operators of `quantity_rule` and `condition` trees.
enum class pricing_op : std::uint8_t {
  variable,
  constant,
  add,
  multiply,
  divide,
  ceil,
  max,
  min,
  clamp,
  if_,
  gt,
  gte,
  eq,
  lookup,
  subtract,
  floor,
  lt,
  lte,
  neq,
  and_,
  or_,
  not_
};

template <>
struct enum_strings<pricing_op> {
  static constexpr std::array<std::string_view, 22> values{
      "variable", "constant", "add",    "multiply", "divide", "ceil", "max", "min", "clamp", "if", "gt",
      "gte",      "eq",       "lookup", "subtract", "floor",  "lt",   "lte", "neq", "and",   "or", "not"};
};

/// How an exact amount becomes whole: half_up (half away from zero), ceil, floor.
enum class pricing_rounding : std::uint8_t { half_up, ceil, floor };

template <>
struct enum_strings<pricing_rounding> {
  static constexpr std::array<std::string_view, 3> values{"half_up", "ceil", "floor"};
};

/// Where a component rounds, with q = quantity, m = the selected multiplier, r = the selected rate:
/// per_component_subtotal: round(q x r); per_quantity: round(q x m) x r / m; per_tier: q x round(r).
enum class pricing_rounding_point : std::uint8_t { per_component_subtotal, per_quantity, per_tier };

template <>
struct enum_strings<pricing_rounding_point> {
  static constexpr std::array<std::string_view, 3> values{"per_component_subtotal", "per_quantity", "per_tier"};
};

/// A value in an expression: a number, a text (e.g. a quality "720p") or a truth value.
struct pricing_value {
  enum class kind : std::uint8_t { number, text, boolean };
  kind type = kind::number;
  decimal number;
  std::string_view text;  // a text; for a number read from a constant, the constant as written (eq compares a text with it)
  bool boolean = false;

  [[nodiscard]] static pricing_value of(decimal d) noexcept { return {kind::number, d, {}, false}; }
  [[nodiscard]] static pricing_value of_text(std::string_view s) noexcept { return {kind::text, {}, s, false}; }
  [[nodiscard]] static pricing_value of_bool(bool b) noexcept { return {kind::boolean, {}, {}, b}; }
};

/// A value for one of a model's parameters (`duration_seconds`, `quality`, ...), by name.
struct pricing_variable {
  std::string_view name;
  pricing_value value;
};

/// One declared parameter of a model row: its type, default and bounds, as the feed gives them.
struct pricing_parameter {
  std::string name;
  std::string type;                      // "integer", "decimal", "enum", ...
  std::optional<std::string> default_value;
  std::optional<decimal> minimum;
  std::optional<decimal> maximum;
  std::vector<std::string> values;       // for enums
};

/// One tier of a component: used when its `when` is the only tier condition that holds. Its rate
/// is absolute (it already includes `multiplier`, which only the per_quantity rounding point reads).
struct pricing_tier {
  std::uint32_t when = 0;     // root node of its condition
  std::string sku_id;
  decimal rate_uc;
  decimal minimum_uc;         // absent in the feed: 0
  decimal multiplier{1};      // absent: 1; positive
  std::string pricing_status; // absent: available

  [[nodiscard]] bool available() const noexcept { return pricing_status.empty() || pricing_status == "available"; }
};

/// One priced component of a model row (`video_output`, `web_search`, ...).
struct pricing_component {
  std::string id;
  std::string role;
  std::string unit;
  std::string billing_rule;
  std::string effective_at;
  std::string sku_id;
  std::string pricing_status;                 // absent: available
  std::int64_t billing_unit_size = 1;         // read, not applied (as the provider's estimator)
  decimal rate_uc;
  decimal minimum_uc;
  pricing_rounding rounding = pricing_rounding::half_up;
  pricing_rounding_point point = pricing_rounding_point::per_component_subtotal;
  std::uint32_t quantity = 0;                 // root node of quantity_rule
  std::optional<std::uint32_t> condition;     // root node of condition
  std::vector<pricing_tier> tiers;
  std::vector<std::string> variables;         // the variables its trees read (tiers' included)

  [[nodiscard]] bool available() const noexcept { return pricing_status.empty() || pricing_status == "available"; }

  [[nodiscard]] bool reads(std::string_view variable) const noexcept {
    for (const std::string& v : variables)
      if (v == variable) return true;
    return false;
  }
};

/// One model row of the feed.
struct pricing_model {
  std::string model_id;
  std::string settlement_basis;   // request_only, request_then_actual, actual_usage (information)
  std::string pricing_status;     // absent: available; otherwise the row prices nothing
  std::vector<pricing_parameter> parameters;
  std::vector<pricing_component> components;

  [[nodiscard]] const pricing_parameter* parameter(std::string_view name) const noexcept {
    for (const pricing_parameter& p : parameters)
      if (p.name == name) return &p;
    return nullptr;
  }
};

/// The price of one component for given parameter values.
struct component_price {
  const pricing_component* component = nullptr;  // into the table that priced it
  bool applies = true;             // false: its condition is false; amount 0, no minimum
  const pricing_tier* tier = nullptr;  // the selected tier (into the same table), or nullptr: the component's own rate
  decimal rate_uc;                 // the selected rate, multiplier and minimum
  decimal multiplier{1};
  decimal minimum_uc;
  decimal quantity;                // the quantity_rule's value
  decimal subtotal_uc;             // quantity x rate, exact
  std::int64_t rounded_uc = 0;     // after the component's rounding
  std::int64_t amount_uc = 0;      // after the minimum charge
  bool minimum_applied = false;
};

/// The price of a model for given parameter values, or why there is none.
struct price_result {
  std::vector<component_price> components;
  std::int64_t total_uc = 0;
  std::string error;  // empty on success
  [[nodiscard]] bool ok() const noexcept { return error.empty(); }
};

struct pricing_load_result;
class pricing_table;

namespace detail::pricing {
struct access;
struct range;
}  // namespace detail::pricing

/// The priced rows of a pricing-rules feed: the rows of the models of the table (spec.hpp) it contains.
class pricing_table {
 public:
  pricing_table() = default;

  /// Loads JSON text: the whole feed (`{"meta": ..., "models": [...]}`), an array of model rows, or
  /// one row. Never throws.
  [[nodiscard]] static pricing_load_result parse(std::string_view json_text) noexcept;
  /// Loads a parsed feed, as `parse`. Never throws.
  [[nodiscard]] static pricing_load_result from_json(const nlohmann::json& feed) noexcept;

  /// The row of `model_id`, or nullptr.
  [[nodiscard]] const pricing_model* find(std::string_view model_id) const noexcept {
    for (const pricing_model& m : models_)
      if (m.model_id == model_id) return &m;
    return nullptr;
  }
  [[nodiscard]] std::span<const pricing_model> models() const noexcept { return models_; }
  /// Rows of the feed that were skipped: models not in the table (spec.hpp).
  [[nodiscard]] std::size_t ignored_models() const noexcept { return ignored_; }
  /// `meta.schema_version` and `meta.updated_at` of the feed, when it had them.
  [[nodiscard]] const std::string& schema_version() const noexcept { return schema_version_; }
  [[nodiscard]] const std::string& updated_at() const noexcept { return updated_at_; }

  /// Prices `model` for the given values. A parameter without a value takes the row's default;
  /// a value outside the parameter's declared type, values or bounds is an error, and so is an
  /// evaluation error (unknown variable, a lookup key with no entry, a type mismatch, division by
  /// zero, overflow, a negative quantity). Never throws (an allocation failure is an error too).
  [[nodiscard]] price_result price(const pricing_model& model, std::span<const pricing_variable> values) const noexcept;
  [[nodiscard]] price_result price(std::string_view model_id, std::span<const pricing_variable> values) const noexcept;

  /// Evaluates one tree of `model` (a component's `quantity` or `condition` root).
  [[nodiscard]] bool evaluate(const pricing_model& model, std::uint32_t root, std::span<const pricing_variable> values, pricing_value& out,
                              std::string& error) const;

  /// Number of expression nodes held (all rows).
  [[nodiscard]] std::size_t node_count() const noexcept { return nodes_.size(); }

 private:
  friend class pricing_loader;
  friend struct detail::pricing::access;
  friend struct detail::pricing::range;

  struct node {
    pricing_op op = pricing_op::constant;
    std::uint32_t first = 0;  // first argument in args_, or first entry in entries_ (lookup)
    std::uint32_t count = 0;  // number of arguments / entries
    std::uint32_t key = 0;    // lookup: the key's node
    std::uint32_t slot = 0;   // variable: its name's slot in its row (row_index::slots)
    decimal number;           // constant: its value when it is a decimal
    bool is_number = false;
    std::string text;         // variable: its name; constant: its text
  };
  struct entry {
    std::string key;
    decimal value;
  };

  // What price() needs of a row's names, resolved when the row is loaded: every name the row's
  // parameters declare or its trees read gets a slot, and each variable node holds its slot, so
  // that pricing binds the given values to slots once per call (no name is compared, no default
  // parsed, no type string compared while a tree is evaluated).
  enum class parameter_kind : std::uint8_t { none, integer, decimal, enumeration, other };
  enum class default_kind : std::uint8_t { none, number, text, not_a_number };
  struct slot {
    std::string name;
    std::int32_t parameter = -1;  // the first parameter of the row with this name, or -1
    parameter_kind kind = parameter_kind::none;
    default_kind fallback = default_kind::none;  // that parameter's default
    decimal default_number;
  };
  struct row_index {
    std::vector<slot> slots;
  };
  // Small buffers for the hot path: the Seedance rows have 3 or 4 slots and 1 or 2 components.
  static constexpr std::size_t inline_slots = 16;

  /// Variables by name, as given (evaluate(), and a row that is not one of this table's).
  struct named_values {
    std::span<const pricing_variable> values;
  };
  /// Variables bound to a row's slots.
  struct slot_values {
    const row_index* row;
    const pricing_value* const* bound;
  };

  template <class Values>
  bool eval(const pricing_model& m, std::uint32_t i, const Values& values, pricing_value& out, std::string& error) const;
  /// eval() of an argument, with the leaves (variables, constants) handled without the call and
  /// its dispatch: half the nodes of a tree are leaves.
  template <class Values>
  bool arg(const pricing_model& m, std::uint32_t i, const Values& values, pricing_value& out, std::string& error) const {
    const node& n = nodes_[i];
    if (n.op == pricing_op::variable) return variable(m, n, values, out, error);
    if (n.op == pricing_op::constant) {
      out = n.is_number ? pricing_value::of(n.number) : pricing_value::of_text(n.text);
      if (n.is_number) out.text = n.text;
      return true;
    }
    return eval(m, i, values, out, error);
  }
  // The operators' arithmetic.
  static bool fold(pricing_op op, std::uint32_t k, decimal& acc, const decimal& v) noexcept;
  bool numeric(const node& n, const decimal* a, pricing_value& out, std::string& error) const;
  static bool equals(const pricing_value& a, const pricing_value& b, pricing_value& out, std::string& error);
  /// eq's comparison: empty when the two kinds do not compare.
  static std::optional<bool> equal_values(const pricing_value& a, const pricing_value& b) noexcept;
  bool lookup(const node& n, const pricing_value& k, pricing_value& out, std::string& error) const;

  // The fast path of price() for a row of this table (values bound to slots): numbers and truth
  // values evaluated in place (a 16-byte decimal, not a 48-byte pricing_value), with no message
  // built. It gives up (false) on anything but a plain success -- an error, a type mismatch, a
  // case it does not handle (a lookup by a number key, eq beyond two leaves) -- and the caller then
  // evaluates the tree with eval(), which finds the same value, or the error and its message: both
  // apply the same operations in the same order.
  bool fast_number(const pricing_model& m, std::uint32_t i, const slot_values& values, decimal& out) const noexcept;
  bool fast_truth(const pricing_model& m, std::uint32_t i, const slot_values& values, bool& out) const noexcept;
  /// fast_number() with constants and bound numbers read without the call (half the nodes are leaves).
  bool fast_arg(const pricing_model& m, std::uint32_t i, const slot_values& values, decimal& out) const noexcept {
    const node& n = nodes_[i];
    if (n.op == pricing_op::constant) {
      out = n.number;
      return n.is_number;
    }
    if (n.op == pricing_op::variable && n.slot < values.row->slots.size()) {
      if (const pricing_value* v = values.bound[n.slot]) {
        out = v->number;
        return v->type == pricing_value::kind::number;
      }
    }
    return fast_number(m, i, values, out);
  }
  /// eq or neq of two leaves, as eval() gives it (false: not two leaves, or kinds that do not
  /// compare). A variable bound to a text against a text constant (a per-quality tier's
  /// eq(quality, "720p")) is compared without building the two values.
  bool fast_equal(const pricing_model& m, const node& n, const slot_values& values, bool& out) const noexcept;
  /// The value of a leaf (a variable or a constant), as eval() gives it.
  bool fast_leaf(const pricing_model& m, const node& n, const slot_values& values, pricing_value& out) const noexcept;
  /// A component's condition and quantity: the fast path for bound values, else eval(); false
  /// with `error` (prefixed with the component's id) as price() reports it.
  template <class Values>
  bool condition_of(const pricing_model& m, const pricing_component& c, const Values& values, bool& applies, std::string& error) const;
  template <class Values>
  bool quantity_of(const pricing_model& m, const pricing_component& c, const Values& values, decimal& q, std::string& error) const;
  /// What a component's tree must give, and its names in the messages of condition_of() and quantity_of().
  struct tree_role {
    const char* rule;  // the tree's field in the feed: "condition", "quantity_rule"
    const char* noun;  // "the <noun> is ..."
    pricing_value::kind kind;
    const char* expected;  // "..., not <expected>"
  };
  /// eval() of component `c`'s tree `i`, whose value must be of `role.kind`: false with `error`
  /// "<id>: <rule>: <eval's error>" or "<id>: the <noun> is <kind>, not <expected>".
  template <class Values>
  bool component_value(const pricing_model& m, const pricing_component& c, std::uint32_t i, const Values& values, const tree_role& role,
                       pricing_value& v, std::string& error) const;
  /// Selects the tier of `c` (cp.tier, rate_uc, multiplier, minimum_uc): the one whose `when`
  /// holds, or none (the component's own); two or more, or an unavailable selection, is an error.
  template <class Values>
  bool select_tier(const pricing_model& m, const pricing_component& c, const Values& values, component_price& cp, std::string& error) const;
  /// Rounds and charges a component of quantity `q` at cp's selected rate: false with `error` as
  /// price() says it.
  static bool charge(const pricing_component& c, const decimal& q, component_price& cp, std::int64_t& total, std::string& error);
  template <class Values>
  bool number_args(const pricing_model& m, const node& n, const Values& values, decimal* out, std::string& error) const;
  bool variable(const pricing_model& m, const node& n, const named_values& values, pricing_value& out, std::string& error) const;
  bool variable(const pricing_model& m, const node& n, const slot_values& values, pricing_value& out, std::string& error) const;
  bool check_parameters(const pricing_model& m, std::span<const pricing_variable> values, std::string& error) const;
  static bool check_parameter(const pricing_model& m, const pricing_parameter& p, parameter_kind kind, const pricing_variable& v,
                              std::string& error);
  /// This table's index of `m`, or -1 when `m` is not one of its rows.
  [[nodiscard]] std::ptrdiff_t row_of(const pricing_model& m) const noexcept;
  /// Binds `values` to the slots of row `r` (`bound` has a pointer per slot) and checks them
  /// against the row's parameters, in the order given; false with `error` at the first refusal.
  bool bind(const pricing_model& m, const row_index& r, std::span<const pricing_variable> values, const pricing_value** bound,
            std::string& error) const;
  /// Prices the components of `m` into `out` (room for m.components.size()); `n` counts those
  /// priced, also when an error stops it (price() keeps them, as it always has).
  template <class Values>
  bool price_components(const pricing_model& m, const Values& values, component_price* out, std::size_t& n, std::int64_t& total,
                        std::string& error) const;

  std::vector<pricing_model> models_;
  std::vector<row_index> rows_;  // parallel to models_
  std::vector<node> nodes_;
  std::vector<std::uint32_t> args_;
  std::vector<entry> entries_;
  std::size_t ignored_ = 0;
  std::string schema_version_;
  std::string updated_at_;
};

/// The result of loading a feed: the table, or the first problem and where it is.
struct pricing_load_result {
  std::optional<pricing_table> table;
  std::string error;       // one sentence; empty on success
  std::string error_path;  // RFC 6901 pointer into the feed
  [[nodiscard]] bool ok() const noexcept { return table.has_value(); }
};

// =============================================================================================
// Implementation
// =============================================================================================

}  // namespace seedance

#include "detail/pricing/loader.hpp"     // pricing_loader: the feed to a table
#include "detail/pricing/evaluator.hpp"  // the general evaluator
#include "detail/pricing/fast_path.hpp"  // the evaluator over bound slots
#include "detail/pricing/price.hpp"      // a row priced: tiers, rounding, total
#include "detail/pricing/access.hpp"     // detail::pricing::access, for estimate.hpp

namespace seedance {

inline price_result pricing_table::price(std::string_view model_id, std::span<const pricing_variable> values) const noexcept {
  if (const pricing_model* m = find(model_id)) return price(*m, values);
  price_result r;
  try {
    r.error = "the pricing table has no row for " + detail::text::quote(model_id, detail::text::feed_value);
  } catch (...) {}
  return r;
}

}  // namespace seedance

#endif  // SEEDANCE_PRICING_HPP

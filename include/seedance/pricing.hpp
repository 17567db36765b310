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
  variable, constant, add, multiply, divide, ceil, max, min, clamp, if_, gt, gte, eq, lookup,
  subtract, floor, lt, lte, neq, and_, or_, not_
};

template <>
struct enum_strings<pricing_op> {
  static constexpr std::array<std::string_view, 22> values{"variable", "constant", "add", "multiply", "divide", "ceil",
                                                           "max",      "min",      "clamp", "if",    "gt",     "gte",
                                                           "eq",       "lookup",   "subtract", "floor", "lt", "lte",
                                                           "neq",      "and",      "or",    "not"};
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

namespace detail {
struct pricing_access;
struct pricing_range;
}

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
  [[nodiscard]] bool evaluate(const pricing_model& model, std::uint32_t root, std::span<const pricing_variable> values,
                              pricing_value& out, std::string& error) const;

  /// Number of expression nodes held (all rows).
  [[nodiscard]] std::size_t node_count() const noexcept { return nodes_.size(); }

 private:
  friend class pricing_loader;
  friend struct detail::pricing_access;
  friend struct detail::pricing_range;

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

namespace detail {
/// out = v, member by member: a later 16-byte read of `out.number` then finds one 16-byte store to
/// forward from (a whole-struct copy stores 16-byte chunks across the members, and a read that
/// spans two of them stalls until they reach the cache).
inline void pricing_assign(pricing_value& out, const pricing_value& v) noexcept {
  out.type = v.type;
  out.number = v.number;
  out.text = v.text;
  out.boolean = v.boolean;
}

/// a == b for the short names, keys and values of a feed: no call into the C library.
[[nodiscard]] inline bool pricing_same_text(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

inline std::string pricing_pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

/// A feed's text, shortened for a message.
inline std::string pricing_show(std::string_view s) {
  std::string out = "\"";
  const std::size_t n = s.size() < 40 ? s.size() : 40;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    out += (c < 0x20 || c == 0x7f) ? '?' : s[i];
  }
  if (s.size() > n) out += "...";
  return out + "\"";
}

inline std::string pricing_type_name(const nlohmann::json& j) {
  return std::string(j.type_name());
}

/// A feed's value, for a message, without recursing into it: a string shortened, a number,
/// boolean or null as written, an array or object by its type alone. (dump() would recurse once per
/// level of nesting: a feed's 2,000,000-level array must not overflow the stack of a message.)
inline std::string pricing_describe(const nlohmann::json& j) {
  if (j.is_string()) return pricing_show(j.get_ref<const std::string&>());
  if (j.is_number() || j.is_boolean() || j.is_null()) return j.dump();  // a scalar: no recursion
  return j.is_array() ? "an array" : j.is_object() ? "an object" : "a binary value";
}

/// Whether a constant's text is written as a number: an optional sign, digits with at most one
/// '.', an optional exponent ("0.99999999999999999999", "+1", "1e3", ".5"). "4k" and "720p" are not.
[[nodiscard]] inline bool pricing_looks_numeric(std::string_view s) noexcept {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  bool digits = false, point = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') digits = true;
    else if (s[i] == '.' && !point) point = true;
    else break;
  }
  if (!digits) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    const std::size_t exponent = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == exponent) return false;
  }
  return i == s.size();
}

inline std::string op_list() {
  std::string out;
  for (std::string_view s : enum_strings<pricing_op>::values) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}
}  // namespace detail

/// Builds a table from parsed JSON; stops at the first problem.
class pricing_loader {
 public:
  explicit pricing_loader(pricing_table& t) : t_(t) {}

  bool load(const nlohmann::json& feed) {
    if (feed.is_object() && feed.contains("models")) {
      if (auto meta = feed.find("meta"); meta != feed.end() && meta->is_object()) {
        if (auto v = meta->find("schema_version"); v != meta->end()) {
          if (!v->is_string() || v->get_ref<const std::string&>() != "2")
            return fail("/meta/schema_version", "schema_version " + detail::pricing_describe(*v) +
                                                     " is not supported (this library reads version \"2\")");
          t_.schema_version_ = "2";
        }
        if (auto v = meta->find("updated_at"); v != meta->end() && v->is_string() && v->get_ref<const std::string&>().size() <= pricing_limits::max_text)
          t_.updated_at_ = v->get_ref<const std::string&>();
      }
      const nlohmann::json& models = feed["models"];
      if (!models.is_array()) return fail("/models", "models must be an array, not " + detail::pricing_type_name(models));
      return rows(models, "/models");
    }
    if (feed.is_array()) return rows(feed, "");
    if (feed.is_object() && feed.contains("model_id")) return row(feed, "");
    return fail("", "not a pricing-rules feed: expected an object with \"models\", an array of model rows, or one model row");
  }

  std::string error;
  std::string path;

 private:
  bool fail(std::string p, std::string msg) {
    path = std::move(p);
    error = std::move(msg);
    return false;
  }

  bool rows(const nlohmann::json& arr, const std::string& p) {
    for (std::size_t i = 0; i < arr.size(); ++i)
      if (!row(arr[i], p + "/" + std::to_string(i))) return false;
    return true;
  }

  // A string field that must be present.
  bool text_field(const nlohmann::json& obj, std::string_view key, const std::string& p, std::string& out) {
    auto it = obj.find(key);
    if (it == obj.end()) return fail(p, "missing \"" + std::string(key) + "\"");
    if (!it->is_string()) return fail(p + "/" + std::string(key), std::string(key) + " must be a string, not " + detail::pricing_type_name(*it));
    if (it->get_ref<const std::string&>().size() > pricing_limits::max_text)
      return fail(p + "/" + std::string(key), std::string(key) + " is longer than " + std::to_string(pricing_limits::max_text) + " characters");
    out = it->get_ref<const std::string&>();
    return true;
  }
  // An informational string: read when it is a string, otherwise ignored.
  static void info_field(const nlohmann::json& obj, std::string_view key, std::string& out) {
    if (auto it = obj.find(key); it != obj.end() && it->is_string() && it->get_ref<const std::string&>().size() <= pricing_limits::max_text)
      out = it->get_ref<const std::string&>();
  }

  // A decimal written as a string ("0.609"), or as a JSON integer. Binary floating point is refused.
  bool number(const nlohmann::json& j, const std::string& p, decimal& out) {
    if (j.is_string()) {
      const std::string& s = j.get_ref<const std::string&>();
      if (auto d = decimal::parse(s)) {
        out = *d;
        return true;
      }
      return fail(p, detail::pricing_show(s) + " is not a decimal number within range (digits with an optional '-' and '.')");
    }
    if (j.is_number_integer()) {
      if (j.is_number_unsigned()) {
        const auto u = j.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(detail::i64_max)) return fail(p, "the number " + j.dump() + " is out of range");
        out = decimal(static_cast<std::int64_t>(u));
        return true;
      }
      const auto v = j.get<std::int64_t>();
      if (v == std::numeric_limits<std::int64_t>::min()) return fail(p, "the number " + j.dump() + " is out of range");
      out = decimal(v);
      return true;
    }
    if (j.is_number_float())
      return fail(p, "the number " + j.dump() + " must be written as a decimal string (binary floating point is not exact)");
    return fail(p, "expected a decimal string, not " + detail::pricing_type_name(j));
  }

  // {"uc": "..."} inside rate / minimum_charge.
  bool uc_amount(const nlohmann::json& obj, const std::string& p, decimal& out) {
    if (!obj.is_object()) return fail(p, "must be an object with \"uc\", not " + detail::pricing_type_name(obj));
    auto it = obj.find("uc");
    if (it == obj.end()) return fail(p, "missing \"uc\"");
    if (!number(*it, p + "/uc", out)) return false;
    if (out.is_negative()) return fail(p + "/uc", "a negative amount " + out.to_string() + " uc");
    return true;
  }

  bool row(const nlohmann::json& r, const std::string& p) {
    if (!r.is_object()) return fail(p, "a model row must be an object, not " + detail::pricing_type_name(r));
    std::string id;
    if (!text_field(r, "model_id", p, id)) return false;
    if (find_model(id) == nullptr) {  // not a model of the table: ignored, not even read
      ++t_.ignored_;
      return true;
    }
    if (t_.find(id) != nullptr) return fail(p + "/model_id", "model " + detail::pricing_show(id) + " appears twice");
    pricing_model m;
    m.model_id = std::move(id);
    row_ = pricing_table::row_index{};
    slot_of_.clear();
    info_field(r, "settlement_basis", m.settlement_basis);
    info_field(r, "pricing_status", m.pricing_status);
    if (auto it = r.find("parameters"); it != r.end()) {
      if (!it->is_array()) return fail(p + "/parameters", "parameters must be an array");
      if (it->size() > pricing_limits::max_parameters)
        return fail(p + "/parameters", "more than " + std::to_string(pricing_limits::max_parameters) + " parameters");
      for (std::size_t i = 0; i < it->size(); ++i) {
        pricing_parameter prm;
        if (!parameter((*it)[i], p + "/parameters/" + std::to_string(i), prm)) return false;
        const std::uint32_t s = intern(prm.name);
        if (row_.slots[s].parameter < 0) declare(row_.slots[s], prm, static_cast<std::int32_t>(i));
        m.parameters.push_back(std::move(prm));
      }
    }
    auto comps = r.find("components");
    if (comps == r.end()) return fail(p, "missing \"components\"");
    if (!comps->is_array() || comps->empty()) return fail(p + "/components", "components must be a non-empty array");
    if (comps->size() > pricing_limits::max_components)
      return fail(p + "/components", "more than " + std::to_string(pricing_limits::max_components) + " components");
    for (std::size_t i = 0; i < comps->size(); ++i) {
      pricing_component c;
      if (!component((*comps)[i], p + "/components/" + std::to_string(i), c)) return false;
      m.components.push_back(std::move(c));
    }
    t_.models_.push_back(std::move(m));
    t_.rows_.push_back(std::move(row_));
    return true;
  }

  // The slot of `name` in the row being loaded (a new one the first time).
  std::uint32_t intern(const std::string& name) {
    const auto [it, added] = slot_of_.try_emplace(name, static_cast<std::uint32_t>(row_.slots.size()));
    if (added) row_.slots.push_back({name, -1, pricing_table::parameter_kind::none, pricing_table::default_kind::none, decimal{}});
    return it->second;
  }

  // Records the first parameter declaring a slot's name: its kind and its default, read as the
  // evaluation reads it (a number for integer and decimal parameters, else a text).
  static void declare(pricing_table::slot& s, const pricing_parameter& prm, std::int32_t index) {
    using kind = pricing_table::parameter_kind;
    s.parameter = index;
    s.kind = prm.type == "integer" ? kind::integer : prm.type == "decimal" ? kind::decimal : prm.type == "enum" ? kind::enumeration : kind::other;
    if (!prm.default_value) {
      s.fallback = pricing_table::default_kind::none;
    } else if (s.kind == kind::integer || s.kind == kind::decimal) {
      if (auto d = decimal::parse(*prm.default_value)) {
        s.fallback = pricing_table::default_kind::number;
        s.default_number = *d;
      } else {
        s.fallback = pricing_table::default_kind::not_a_number;
      }
    } else {
      s.fallback = pricing_table::default_kind::text;
    }
  }

  bool parameter(const nlohmann::json& j, const std::string& p, pricing_parameter& out) {
    if (!j.is_object()) return fail(p, "a parameter must be an object");
    if (!text_field(j, "name", p, out.name)) return false;
    info_field(j, "type", out.type);
    if (auto it = j.find("default"); it != j.end()) {
      if (it->is_string() && it->get_ref<const std::string&>().size() <= pricing_limits::max_text) out.default_value = it->get<std::string>();
      else if (it->is_number_integer()) out.default_value = it->dump();
      else return fail(p + "/default", "default must be a string");
    }
    for (const char* bound : {"minimum", "maximum"}) {
      if (auto it = j.find(bound); it != j.end()) {
        decimal d;
        if (!number(*it, p + "/" + bound, d)) return false;
        (bound[1] == 'i' ? out.minimum : out.maximum) = d;
      }
    }
    if (auto it = j.find("values"); it != j.end()) {
      if (!it->is_array() || it->size() > pricing_limits::max_lookup_entries) return fail(p + "/values", "values must be an array of strings");
      for (std::size_t i = 0; i < it->size(); ++i) {
        const nlohmann::json& v = (*it)[i];
        if (!v.is_string() || v.get_ref<const std::string&>().size() > pricing_limits::max_text)
          return fail(p + "/values/" + std::to_string(i), "values must be strings");
        out.values.push_back(v.get<std::string>());
      }
    }
    return true;
  }

  bool component(const nlohmann::json& j, const std::string& p, pricing_component& c) {
    if (!j.is_object()) return fail(p, "a component must be an object");
    if (!text_field(j, "id", p, c.id)) return false;
    info_field(j, "role", c.role);
    info_field(j, "unit", c.unit);
    info_field(j, "billing_rule", c.billing_rule);
    info_field(j, "effective_at", c.effective_at);
    info_field(j, "sku_id", c.sku_id);
    if (!status_field(j, p, c.pricing_status)) return false;
    auto rate = j.find("rate");
    if (rate == j.end()) return fail(p, "missing \"rate\"");
    if (!uc_amount(*rate, p + "/rate", c.rate_uc)) return false;
    if (auto it = j.find("minimum_charge"); it != j.end())
      if (!uc_amount(*it, p + "/minimum_charge", c.minimum_uc)) return false;
    auto rounding = j.find("rounding");
    if (rounding == j.end()) return fail(p, "missing \"rounding\"");
    if (!rounding->is_object()) return fail(p + "/rounding", "rounding must be an object");
    std::string mode;
    if (!text_field(*rounding, "mode", p + "/rounding", mode)) return false;
    const auto r = parse<pricing_rounding>(mode);
    if (!r) return fail(p + "/rounding/mode", "rounding mode " + detail::pricing_show(mode) + " is not supported (half_up, ceil, floor)");
    c.rounding = *r;
    if (auto it = rounding->find("point"); it != rounding->end()) {  // absent: per_component_subtotal
      const auto point = it->is_string() ? parse<pricing_rounding_point>(it->get_ref<const std::string&>()) : std::nullopt;
      if (!point)
        return fail(p + "/rounding/point",
                    "rounding point " + detail::pricing_describe(*it) + " is not supported (per_component_subtotal, per_quantity, per_tier)");
      c.point = *point;
    }
    // billing_unit_size: the provider's own estimator ignores it (a quantity rule already counts in
    // the billed unit); read for information, a positive integer, never applied.
    if (auto it = j.find("billing_unit_size"); it != j.end() && !it->is_null()) {
      if (!it->is_number_integer() || (it->is_number_unsigned() ? it->get<std::uint64_t>() > static_cast<std::uint64_t>(detail::i64_max)
                                                                  : it->get<std::int64_t>() < 1))
        return fail(p + "/billing_unit_size", "billing_unit_size " + detail::pricing_describe(*it) + " is not supported (a positive integer)");
      c.billing_unit_size = it->get<std::int64_t>();
    }
    auto q = j.find("quantity_rule");
    if (q == j.end()) return fail(p, "missing \"quantity_rule\"");
    std::size_t count = 0;
    if (!expr(*q, p + "/quantity_rule", 1, count, c.quantity, c.variables)) return false;
    if (auto it = j.find("condition"); it != j.end() && !it->is_null()) {
      std::uint32_t root = 0;
      count = 0;
      if (!expr(*it, p + "/condition", 1, count, root, c.variables)) return false;
      c.condition = root;
    }
    if (auto it = j.find("tiers"); it != j.end() && !it->is_null()) {
      if (!it->is_array()) return fail(p + "/tiers", "tiers must be an array, not " + detail::pricing_type_name(*it));
      if (it->size() > pricing_limits::max_tiers)
        return fail(p + "/tiers", "more than " + std::to_string(pricing_limits::max_tiers) + " tiers");
      for (std::size_t i = 0; i < it->size(); ++i) {
        pricing_tier t;
        if (!tier((*it)[i], p + "/tiers/" + std::to_string(i), t, c.variables)) return false;
        c.tiers.push_back(std::move(t));
      }
    }
    return true;
  }

  // pricing_status: a string when present (absent: available).
  bool status_field(const nlohmann::json& j, const std::string& p, std::string& out) {
    auto it = j.find("pricing_status");
    if (it == j.end() || it->is_null()) return true;
    if (!it->is_string() || it->get_ref<const std::string&>().size() > pricing_limits::max_text)
      return fail(p + "/pricing_status", "pricing_status must be a string, not " + detail::pricing_describe(*it));
    out = it->get_ref<const std::string&>();
    return true;
  }

  // {"when", "sku_id", "rate", "minimum_charge", "pricing_status", "multiplier"}
  bool tier(const nlohmann::json& j, const std::string& p, pricing_tier& t, std::vector<std::string>& vars) {
    if (!j.is_object()) return fail(p, "a tier must be an object, not " + detail::pricing_type_name(j));
    auto when = j.find("when");
    if (when == j.end()) return fail(p, "missing \"when\"");
    std::size_t count = 0;
    if (!expr(*when, p + "/when", 1, count, t.when, vars)) return false;
    info_field(j, "sku_id", t.sku_id);
    auto rate = j.find("rate");
    if (rate == j.end()) return fail(p, "missing \"rate\"");
    if (!uc_amount(*rate, p + "/rate", t.rate_uc)) return false;
    if (auto it = j.find("minimum_charge"); it != j.end() && !it->is_null())
      if (!uc_amount(*it, p + "/minimum_charge", t.minimum_uc)) return false;
    if (auto it = j.find("multiplier"); it != j.end() && !it->is_null()) {
      if (!number(*it, p + "/multiplier", t.multiplier)) return false;
      if (t.multiplier.is_negative() || t.multiplier.is_zero())
        return fail(p + "/multiplier", "the multiplier " + t.multiplier.to_string() + " is not positive");
    }
    return status_field(j, p, t.pricing_status);
  }

  bool expr(const nlohmann::json& j, const std::string& p, std::size_t depth, std::size_t& count, std::uint32_t& out,
            std::vector<std::string>& vars) {
    if (depth > pricing_limits::max_depth)
      return fail(p, "the expression is nested more than " + std::to_string(pricing_limits::max_depth) + " levels deep");
    if (++count > pricing_limits::max_nodes)
      return fail(p, "the expression has more than " + std::to_string(pricing_limits::max_nodes) + " nodes");
    if (!j.is_object()) return fail(p, "an expression must be an object with \"op\", not " + detail::pricing_type_name(j));
    std::string op_name;
    if (!text_field(j, "op", p, op_name)) return false;
    const auto op = parse<pricing_op>(op_name);
    if (!op) return fail(p + "/op", "unknown operator " + detail::pricing_show(op_name) + " (known: " + detail::op_list() + ")");
    pricing_table::node n;
    n.op = *op;
    switch (*op) {
      case pricing_op::variable: {
        if (!text_field(j, "name", p, n.text)) return false;
        n.slot = intern(n.text);
        bool seen = false;
        for (const std::string& v : vars) seen = seen || v == n.text;
        if (!seen) vars.push_back(n.text);
        break;
      }
      case pricing_op::constant: {
        auto it = j.find("value");
        if (it == j.end()) return fail(p, "missing \"value\"");
        if (it->is_string()) {
          if (it->get_ref<const std::string&>().size() > pricing_limits::max_text) return fail(p + "/value", "the constant is too long");
          n.text = it->get<std::string>();
          if (auto d = decimal::parse(n.text)) {
            n.number = *d;
            n.is_number = true;
          } else if (detail::pricing_looks_numeric(n.text)) {
            // Meant as a number: kept as a text it would fail later with a misleading message, or
            // never (in an untaken branch). Plain decimal text that decimal::parse refuses is out
            // of range; anything else ("1e3", "+1", ".5") is a notation the feed does not use.
            const std::string_view t = n.text;
            const std::string_view body = t.substr(t.front() == '-' ? 1 : 0);
            const bool plain = t.find_first_of("+eE") == std::string_view::npos && !body.empty() && body.front() != '.' && body.back() != '.';
            return fail(p + "/value", "the constant " + detail::pricing_show(t) +
                                          (plain ? " does not fit the exact range (64-bit numerator and denominator, at most 36 significant digits)"
                                                 : " looks like a number but is not plain decimal text (digits with an optional '-' and '.')"));
          }
        } else {
          if (!number(*it, p + "/value", n.number)) return false;
          n.is_number = true;
          n.text = n.number.to_string();
        }
        break;
      }
      case pricing_op::lookup: {
        auto key = j.find("key");
        if (key == j.end()) return fail(p, "missing \"key\"");
        if (!expr(*key, p + "/key", depth + 1, count, n.key, vars)) return false;
        auto values = j.find("values");
        if (values == j.end()) return fail(p, "missing \"values\"");
        if (!values->is_object() || values->empty()) return fail(p + "/values", "values must be a non-empty object");
        if (values->size() > pricing_limits::max_lookup_entries)
          return fail(p + "/values", "more than " + std::to_string(pricing_limits::max_lookup_entries) + " entries");
        n.first = static_cast<std::uint32_t>(t_.entries_.size());
        for (auto it = values->begin(); it != values->end(); ++it) {
          if (it.key().size() > pricing_limits::max_text) return fail(p + "/values", "a key is too long");
          decimal d;
          if (!number(it.value(), p + "/values/" + detail::pricing_pointer_token(it.key()), d)) return false;
          t_.entries_.push_back({it.key(), d});
        }
        n.count = static_cast<std::uint32_t>(values->size());
        break;
      }
      default: {
        auto args = j.find("args");
        if (args == j.end()) return fail(p, "missing \"args\"");
        if (!args->is_array()) return fail(p + "/args", "args must be an array");
        const std::size_t k = args->size();
        // The provider's arities, and 1..64 for add, multiply, max, min, and, or (the provider:
        // 2..32; one argument has always loaded here).
        std::size_t lo = 1, hi = pricing_limits::max_args;
        switch (*op) {
          case pricing_op::divide: case pricing_op::subtract: case pricing_op::gt: case pricing_op::gte: case pricing_op::lt:
          case pricing_op::lte: case pricing_op::eq: case pricing_op::neq: lo = hi = 2; break;
          case pricing_op::ceil: case pricing_op::floor: case pricing_op::not_: lo = hi = 1; break;
          case pricing_op::clamp: case pricing_op::if_: lo = hi = 3; break;
          default: break;
        }
        if (k < lo || k > hi)
          return fail(p + "/args", op_name + " takes " + (lo == hi ? std::to_string(lo) : std::to_string(lo) + ".." + std::to_string(hi)) +
                                       " arguments, not " + std::to_string(k));
        std::array<std::uint32_t, pricing_limits::max_args> children{};
        for (std::size_t i = 0; i < k; ++i)
          if (!expr((*args)[i], p + "/args/" + std::to_string(i), depth + 1, count, children[i], vars)) return false;
        n.first = static_cast<std::uint32_t>(t_.args_.size());
        n.count = static_cast<std::uint32_t>(k);
        t_.args_.insert(t_.args_.end(), children.begin(), children.begin() + static_cast<std::ptrdiff_t>(k));
        break;
      }
    }
    out = static_cast<std::uint32_t>(t_.nodes_.size());
    t_.nodes_.push_back(std::move(n));
    return true;
  }

  pricing_table& t_;
  pricing_table::row_index row_;                                 // of the row being loaded
  std::unordered_map<std::string, std::uint32_t> slot_of_;      // its names' slots
};

namespace detail {
/// A load (from_json, parse) that an exception stopped: no table, and the exception's message in
/// the reason.
inline void load_failed(pricing_load_result& r, const std::exception& e) noexcept {
  r.table.reset();
  try {
    r.error = std::string("the feed could not be loaded: ") + e.what();
  } catch (...) {
  }
}
}  // namespace detail

inline pricing_load_result pricing_table::from_json(const nlohmann::json& feed) noexcept {
  pricing_load_result r;
  try {
    pricing_table t;
    pricing_loader loader(t);
    if (loader.load(feed)) {
      r.table = std::move(t);
    } else {
      r.error = std::move(loader.error);
      r.error_path = std::move(loader.path);
    }
  } catch (const std::exception& e) {
    detail::load_failed(r, e);
  }
  return r;
}

inline pricing_load_result pricing_table::parse(std::string_view text) noexcept {
  pricing_load_result r;
  try {
    if (text.size() > pricing_limits::max_feed_bytes) {
      r.error = "the feed is " + std::to_string(text.size()) + " bytes, over the limit of " + std::to_string(pricing_limits::max_feed_bytes);
      return r;
    }
    if (const std::size_t nul = detail::nul_offset(text); nul != std::string_view::npos) {
      r.error = "the feed is not valid JSON: " + detail::nul_reason(nul);
      return r;
    }
    if (const std::size_t at = detail::nesting_overflow(text, pricing_limits::max_json_depth); at != std::string_view::npos) {
      r.error = "the feed nests arrays and objects more than " + std::to_string(pricing_limits::max_json_depth) +
                " levels deep (at byte offset " + std::to_string(at) + "); it was not parsed";
      return r;
    }
    nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      r.error = "the feed is not valid JSON";
      return r;
    }
    return from_json(j);
  } catch (const std::exception& e) {
    detail::load_failed(r, e);
  }
  return r;
}

namespace detail {
inline std::string pricing_value_text(const pricing_value& v) {
  switch (v.type) {
    case pricing_value::kind::number: return v.number.to_string();
    case pricing_value::kind::text: return pricing_show(v.text);
    case pricing_value::kind::boolean: return v.boolean ? "true" : "false";
  }
  return {};
}
inline const char* pricing_kind_name(pricing_value::kind k) {
  return k == pricing_value::kind::number ? "a number" : k == pricing_value::kind::text ? "a text" : "a truth value";
}
}  // namespace detail

template <class Values>
inline bool pricing_table::number_args(const pricing_model& m, const node& n, const Values& values, decimal* out, std::string& error) const {
  for (std::uint32_t i = 0; i < n.count; ++i) {
    if (const node& a = nodes_[args_[n.first + i]]; a.op == pricing_op::constant && a.is_number) {  // no call for a number
      out[i] = a.number;
      continue;
    }
    pricing_value v;
    if (!arg(m, args_[n.first + i], values, v, error)) return false;
    if (v.type != pricing_value::kind::number) {
      error = std::string(to_string(n.op)) + " needs numbers, got " + detail::pricing_kind_name(v.type) + " (" + detail::pricing_value_text(v) + ")";
      return false;
    }
    out[i] = v.number;
  }
  return true;
}

// By name: the first value with the node's name, else the default of the row's first parameter
// with that name.
inline bool pricing_table::variable(const pricing_model& m, const node& n, const named_values& values, pricing_value& out,
                                    std::string& error) const {
  for (const pricing_variable& v : values.values) {
    if (v.name == n.text) {
      out = v.value;
      return true;
    }
  }
  if (const pricing_parameter* p = m.parameter(n.text); p && p->default_value) {
    if (p->type == "integer" || p->type == "decimal") {
      if (auto d = decimal::parse(*p->default_value)) {
        out = pricing_value::of(*d);
        return true;
      }
      error = "the default of " + n.text + " is not a number";
      return false;
    }
    out = pricing_value::of_text(*p->default_value);
    return true;
  }
  error = "no value for the variable " + detail::pricing_show(n.text) + " (and no default)";
  return false;
}

// By slot: the same answer, resolved when the row was loaded and the values were bound.
inline bool pricing_table::variable(const pricing_model& m, const node& n, const slot_values& values, pricing_value& out,
                                    std::string& error) const {
  if (n.slot < values.row->slots.size()) {
    if (const pricing_value* v = values.bound[n.slot]) {
      detail::pricing_assign(out, *v);
      return true;
    }
    const slot& s = values.row->slots[n.slot];
    switch (s.fallback) {
      case default_kind::number:
        out = pricing_value::of(s.default_number);
        return true;
      case default_kind::text:
        out = pricing_value::of_text(*m.parameters[static_cast<std::size_t>(s.parameter)].default_value);
        return true;
      case default_kind::not_a_number:
        error = "the default of " + n.text + " is not a number";
        return false;
      case default_kind::none:
        break;
    }
  }
  error = "no value for the variable " + detail::pricing_show(n.text) + " (and no default)";
  return false;
}

inline bool pricing_table::fold(pricing_op op, std::uint32_t k, decimal& acc, const decimal& v) noexcept {
  if (k == 0) {
    acc = v;
  } else if (op == pricing_op::add || op == pricing_op::multiply) {
    const auto r = op == pricing_op::add ? add(acc, v) : multiply(acc, v);
    if (!r) return false;
    acc = *r;
  } else if (op == pricing_op::max ? v > acc : v < acc) {
    acc = v;
  }
  return true;
}

// divide, subtract, ceil, floor, clamp, gt, gte, lt, lte on their evaluated arguments.
inline bool pricing_table::numeric(const node& n, const decimal* a, pricing_value& out, std::string& error) const {
  switch (n.op) {
    case pricing_op::divide: {
      if (a[1].is_zero()) {
        error = "division by zero";
        return false;
      }
      const auto r = divide(a[0], a[1]);
      if (!r) {
        error = std::string(to_string(n.op)) + " overflows the exact range (64-bit numerator and denominator)";
        return false;
      }
      out = pricing_value::of(*r);
      return true;
    }
    case pricing_op::subtract: {
      const auto r = subtract(a[0], a[1]);
      if (!r) {
        error = "subtract overflows the exact range (64-bit numerator and denominator)";
        return false;
      }
      out = pricing_value::of(*r);
      return true;
    }
    case pricing_op::ceil:
      out = pricing_value::of(a[0].ceil());
      return true;
    case pricing_op::floor:
      out = pricing_value::of(a[0].floor());
      return true;
    case pricing_op::clamp:
      if (a[1] > a[2]) {
        error = "clamp's lower bound " + a[1].to_string() + " is above its upper bound " + a[2].to_string();
        return false;
      }
      out = pricing_value::of(a[0] < a[1] ? a[1] : a[0] > a[2] ? a[2] : a[0]);
      return true;
    case pricing_op::gt:
      out = pricing_value::of_bool(a[0] > a[1]);
      return true;
    case pricing_op::gte:
      out = pricing_value::of_bool(a[0] >= a[1]);
      return true;
    case pricing_op::lt:
      out = pricing_value::of_bool(a[0] < a[1]);
      return true;
    case pricing_op::lte:
      out = pricing_value::of_bool(a[0] <= a[1]);
      return true;
    default:
      error = "unknown operator";
      return false;
  }
}

inline std::optional<bool> pricing_table::equal_values(const pricing_value& a, const pricing_value& b) noexcept {
  using kind = pricing_value::kind;
  if (a.type == kind::number && b.type == kind::number) return a.number == b.number;
  if (a.type == kind::text && b.type == kind::text) return detail::pricing_same_text(a.text, b.text);
  if (a.type == kind::boolean && b.type == kind::boolean) return a.boolean == b.boolean;
  // A text and a number read from a constant (which keeps its text: "720" against an enum value
  // "720"): the text is compared with the constant as written.
  if ((a.type == kind::text && b.type == kind::number && !b.text.empty()) || (b.type == kind::text && a.type == kind::number && !a.text.empty()))
    return detail::pricing_same_text(a.text, b.text);
  return std::nullopt;
}

inline bool pricing_table::equals(const pricing_value& a, const pricing_value& b, pricing_value& out, std::string& error) {
  if (const auto same = equal_values(a, b)) {
    out = pricing_value::of_bool(*same);
    return true;
  }
  error = std::string("eq compares ") + detail::pricing_kind_name(a.type) + " with " + detail::pricing_kind_name(b.type);
  return false;
}

inline bool pricing_table::lookup(const node& n, const pricing_value& k, pricing_value& out, std::string& error) const {
  std::string number_key;
  std::string_view key;
  if (k.type == pricing_value::kind::text) {
    key = k.text;
  } else if (k.type == pricing_value::kind::number) {
    number_key = k.number.to_string();
    key = number_key;
  } else {
    error = "lookup needs a text or number key, got a truth value";
    return false;
  }
  for (std::uint32_t e = 0; e < n.count; ++e) {
    if (detail::pricing_same_text(entries_[n.first + e].key, key)) {
      out = pricing_value::of(entries_[n.first + e].value);
      return true;
    }
  }
  error = "lookup has no entry for " + detail::pricing_show(key) + " (entries:";
  for (std::uint32_t e = 0; e < n.count; ++e) error += " " + entries_[n.first + e].key;
  error += ")";
  return false;
}

template <class Values>
inline bool pricing_table::eval(const pricing_model& m, std::uint32_t i, const Values& values, pricing_value& out, std::string& error) const {
  const node& n = nodes_[i];
  switch (n.op) {
    case pricing_op::variable:
      return variable(m, n, values, out, error);
    case pricing_op::constant:
      out = n.is_number ? pricing_value::of(n.number) : pricing_value::of_text(n.text);
      if (n.is_number) out.text = n.text;
      return true;
    case pricing_op::add:
    case pricing_op::multiply:
    case pricing_op::max:
    case pricing_op::min: {
      // Folded one argument at a time (no array of 64 values per node).
      decimal acc;
      for (std::uint32_t k = 0; k < n.count; ++k) {
        if (const node& a = nodes_[args_[n.first + k]]; a.op == pricing_op::constant && a.is_number) {  // no call for a number
          if (!fold(n.op, k, acc, a.number)) {
            error = std::string(to_string(n.op)) + " overflows the exact range (64-bit numerator and denominator)";
            return false;
          }
          continue;
        }
        pricing_value v;
        if (!arg(m, args_[n.first + k], values, v, error)) return false;
        if (v.type != pricing_value::kind::number) {
          error = std::string(to_string(n.op)) + " needs numbers, got " + detail::pricing_kind_name(v.type) + " (" + detail::pricing_value_text(v) + ")";
          return false;
        }
        if (!fold(n.op, k, acc, v.number)) {
          error = std::string(to_string(n.op)) + " overflows the exact range (64-bit numerator and denominator)";
          return false;
        }
      }
      out = pricing_value::of(acc);
      return true;
    }
    case pricing_op::divide:
    case pricing_op::subtract:
    case pricing_op::ceil:
    case pricing_op::floor:
    case pricing_op::clamp:
    case pricing_op::gt:
    case pricing_op::gte:
    case pricing_op::lt:
    case pricing_op::lte: {
      std::array<decimal, 3> a;  // 1 to 3 arguments (the loader checked the count)
      if (!number_args(m, n, values, a.data(), error)) return false;
      return numeric(n, a.data(), out, error);
    }
    case pricing_op::and_:
    case pricing_op::or_:
    case pricing_op::not_: {
      // Left to right, stopping at the first argument that decides (false for and, true for or):
      // the arguments after it are not evaluated, as `if` does not evaluate its other branch.
      const bool stop_at = n.op == pricing_op::or_;
      for (std::uint32_t k = 0; k < n.count; ++k) {
        pricing_value v;
        if (!arg(m, args_[n.first + k], values, v, error)) return false;
        if (v.type != pricing_value::kind::boolean) {
          error = std::string(to_string(n.op)) + " needs truth values, got " + detail::pricing_kind_name(v.type) + " (" +
                  detail::pricing_value_text(v) + ")";
          return false;
        }
        if (n.op == pricing_op::not_) {
          out = pricing_value::of_bool(!v.boolean);
          return true;
        }
        if (v.boolean == stop_at) {
          out = pricing_value::of_bool(stop_at);
          return true;
        }
      }
      out = pricing_value::of_bool(!stop_at);
      return true;
    }
    case pricing_op::if_: {
      pricing_value c;
      if (!arg(m, args_[n.first], values, c, error)) return false;
      if (c.type != pricing_value::kind::boolean) {
        error = std::string("if needs a truth value, got ") + detail::pricing_kind_name(c.type);
        return false;
      }
      return arg(m, args_[n.first + (c.boolean ? 1 : 2)], values, out, error);
    }
    case pricing_op::eq:
    case pricing_op::neq: {
      pricing_value a, b;
      if (!arg(m, args_[n.first], values, a, error) || !arg(m, args_[n.first + 1], values, b, error)) return false;
      if (!equals(a, b, out, error)) {
        if (n.op == pricing_op::neq) error.insert(0, "n");  // "neq compares ..."
        return false;
      }
      if (n.op == pricing_op::neq) out.boolean = !out.boolean;
      return true;
    }
    case pricing_op::lookup: {
      pricing_value k;
      if (!arg(m, n.key, values, k, error)) return false;
      return lookup(n, k, out, error);
    }
  }
  error = "unknown operator";
  return false;
}

inline bool pricing_table::evaluate(const pricing_model& model, std::uint32_t root, std::span<const pricing_variable> values, pricing_value& out,
                                    std::string& error) const {
  if (root >= nodes_.size()) {
    error = "no such expression";
    return false;
  }
  return eval(model, root, named_values{values}, out, error);
}

inline bool pricing_table::check_parameter(const pricing_model& m, const pricing_parameter& p, parameter_kind kind, const pricing_variable& v,
                                           std::string& error) {
  if (kind == parameter_kind::integer || kind == parameter_kind::decimal) {
    if (v.value.type != pricing_value::kind::number) {
      error = p.name + " must be a number for " + m.model_id;
      return false;
    }
    if (kind == parameter_kind::integer && !v.value.number.is_integer()) {
      error = p.name + " " + v.value.number.to_string() + " is not an integer";
      return false;
    }
    if ((p.minimum && v.value.number < *p.minimum) || (p.maximum && v.value.number > *p.maximum)) {
      error = p.name + " " + v.value.number.to_string() + " is outside the priced range " + (p.minimum ? p.minimum->to_string() : "") + ".." +
              (p.maximum ? p.maximum->to_string() : "") + " of " + m.model_id;
      return false;
    }
  } else if (kind == parameter_kind::enumeration && !p.values.empty()) {
    if (v.value.type != pricing_value::kind::text) {
      error = p.name + " must be a text for " + m.model_id;
      return false;
    }
    for (const std::string& s : p.values)
      if (detail::pricing_same_text(s, v.value.text)) return true;
    error = p.name + " " + detail::pricing_show(v.value.text) + " is not priced for " + m.model_id + " (priced:";
    for (const std::string& s : p.values) error += " " + s;
    error += ")";
    return false;
  }
  return true;
}

inline bool pricing_table::check_parameters(const pricing_model& m, std::span<const pricing_variable> values, std::string& error) const {
  for (const pricing_variable& v : values) {
    const pricing_parameter* p = m.parameter(v.name);
    if (p == nullptr) continue;  // a value the row does not declare: offered, not checked
    const parameter_kind kind = p->type == "integer"   ? parameter_kind::integer
                                : p->type == "decimal" ? parameter_kind::decimal
                                : p->type == "enum"    ? parameter_kind::enumeration
                                                       : parameter_kind::other;
    if (!check_parameter(m, *p, kind, v, error)) return false;
  }
  return true;
}

inline std::ptrdiff_t pricing_table::row_of(const pricing_model& m) const noexcept {
  if (models_.empty() || rows_.size() != models_.size()) return -1;
  const std::less<const pricing_model*> before;
  const pricing_model* first = models_.data();
  if (before(&m, first) || !before(&m, first + models_.size())) return -1;
  return &m - first;
}

inline bool pricing_table::bind(const pricing_model& m, const row_index& r, std::span<const pricing_variable> values, const pricing_value** bound,
                                std::string& error) const {
  const std::size_t count = r.slots.size();
  for (const pricing_variable& v : values) {
    std::size_t k = 0;
    while (k < count && !detail::pricing_same_text(r.slots[k].name, v.name)) ++k;
    if (k == count) continue;  // a name the row neither declares nor reads
    const slot& s = r.slots[k];
    // a declared parameter: checked (values in the order given, as check_parameters does)
    if (s.parameter >= 0 && !check_parameter(m, m.parameters[static_cast<std::size_t>(s.parameter)], s.kind, v, error)) return false;
    if (bound[k] == nullptr) bound[k] = &v.value;  // the first value of a name counts
  }
  return true;
}

inline bool pricing_table::fast_leaf(const pricing_model& m, const node& n, const slot_values& values, pricing_value& out) const noexcept {
  if (n.op == pricing_op::constant) {
    out = n.is_number ? pricing_value::of(n.number) : pricing_value::of_text(n.text);
    if (n.is_number) out.text = n.text;
    return true;
  }
  if (n.op != pricing_op::variable || n.slot >= values.row->slots.size()) return false;
  if (const pricing_value* v = values.bound[n.slot]) {
    detail::pricing_assign(out, *v);
    return true;
  }
  const slot& s = values.row->slots[n.slot];
  if (s.fallback == default_kind::number) {
    out = pricing_value::of(s.default_number);
    return true;
  }
  if (s.fallback == default_kind::text) {
    out = pricing_value::of_text(*m.parameters[static_cast<std::size_t>(s.parameter)].default_value);
    return true;
  }
  return false;
}

inline bool pricing_table::fast_equal(const pricing_model& m, const node& n, const slot_values& values, bool& out) const noexcept {
  const node& l = nodes_[args_[n.first]];
  const node& r = nodes_[args_[n.first + 1]];
  const bool negate = n.op == pricing_op::neq;
  for (int side = 0; side < 2; ++side) {  // a bound text variable and a text constant, either way round
    const node& v = side == 0 ? l : r;
    const node& c = side == 0 ? r : l;
    if (v.op == pricing_op::variable && c.op == pricing_op::constant && !c.is_number && v.slot < values.row->slots.size()) {
      if (const pricing_value* b = values.bound[v.slot]; b != nullptr && b->type == pricing_value::kind::text) {
        out = detail::pricing_same_text(b->text, c.text) != negate;
        return true;
      }
    }
  }
  pricing_value x, y;
  if (!fast_leaf(m, l, values, x) || !fast_leaf(m, r, values, y)) return false;
  const auto same = equal_values(x, y);
  out = same.value_or(false) != negate;
  return same.has_value();
}

inline bool pricing_table::fast_number(const pricing_model& m, std::uint32_t i, const slot_values& values, decimal& out) const noexcept {
  const node& n = nodes_[i];
  const std::uint32_t* a = args_.data() + n.first;
  switch (n.op) {
    case pricing_op::constant:
      out = n.number;
      return n.is_number;
    case pricing_op::variable: {
      if (n.slot >= values.row->slots.size()) return false;
      if (const pricing_value* v = values.bound[n.slot]) {
        out = v->number;
        return v->type == pricing_value::kind::number;
      }
      const slot& s = values.row->slots[n.slot];
      out = s.default_number;
      return s.fallback == default_kind::number;
    }
    case pricing_op::add:
    case pricing_op::multiply:
    case pricing_op::max:
    case pricing_op::min: {
      decimal acc, v;
      for (std::uint32_t k = 0; k < n.count; ++k)
        if (!fast_arg(m, a[k], values, v) || !fold(n.op, k, acc, v)) return false;
      out = acc;
      return true;
    }
    case pricing_op::divide: {
      decimal x, y;
      if (!fast_arg(m, a[0], values, x) || !fast_arg(m, a[1], values, y)) return false;
      const auto r = divide(x, y);  // empty for a zero divisor too
      if (!r) return false;
      out = *r;
      return true;
    }
    case pricing_op::subtract: {
      decimal x, y;
      if (!fast_arg(m, a[0], values, x) || !fast_arg(m, a[1], values, y)) return false;
      const auto r = subtract(x, y);
      if (!r) return false;
      out = *r;
      return true;
    }
    case pricing_op::ceil:
      if (!fast_arg(m, a[0], values, out)) return false;
      out = out.ceil();
      return true;
    case pricing_op::floor:
      if (!fast_arg(m, a[0], values, out)) return false;
      out = out.floor();
      return true;
    case pricing_op::clamp: {
      decimal x, lo, hi;
      if (!fast_arg(m, a[0], values, x) || !fast_arg(m, a[1], values, lo) || !fast_arg(m, a[2], values, hi) || lo > hi) return false;
      out = x < lo ? lo : x > hi ? hi : x;
      return true;
    }
    case pricing_op::if_: {
      bool c = false;
      return fast_truth(m, a[0], values, c) && fast_arg(m, a[c ? 1 : 2], values, out);
    }
    case pricing_op::lookup: {
      pricing_value k;
      if (!fast_leaf(m, nodes_[n.key], values, k) || k.type != pricing_value::kind::text) return false;
      for (std::uint32_t e = 0; e < n.count; ++e) {
        if (detail::pricing_same_text(entries_[n.first + e].key, k.text)) {
          out = entries_[n.first + e].value;
          return true;
        }
      }
      return false;
    }
    case pricing_op::gt:
    case pricing_op::gte:
    case pricing_op::lt:
    case pricing_op::lte:
    case pricing_op::eq:
    case pricing_op::neq:
    case pricing_op::and_:
    case pricing_op::or_:
    case pricing_op::not_:
      return false;  // truth values, not numbers
  }
  return false;
}

inline bool pricing_table::fast_truth(const pricing_model& m, std::uint32_t i, const slot_values& values, bool& out) const noexcept {
  const node& n = nodes_[i];
  const std::uint32_t* a = args_.data() + n.first;
  switch (n.op) {
    case pricing_op::gt:
    case pricing_op::gte:
    case pricing_op::lt:
    case pricing_op::lte: {
      decimal x, y;
      if (!fast_arg(m, a[0], values, x) || !fast_arg(m, a[1], values, y)) return false;
      out = n.op == pricing_op::gt ? x > y : n.op == pricing_op::gte ? x >= y : n.op == pricing_op::lt ? x < y : x <= y;
      return true;
    }
    case pricing_op::eq:
    case pricing_op::neq:
      return fast_equal(m, n, values, out);
    case pricing_op::not_:
      if (!fast_truth(m, a[0], values, out)) return false;
      out = !out;
      return true;
    case pricing_op::and_:
    case pricing_op::or_: {  // as eval(): stops at the first deciding argument
      const bool stop_at = n.op == pricing_op::or_;
      for (std::uint32_t k = 0; k < n.count; ++k) {
        bool v = false;
        const node& arg = nodes_[a[k]];
        const bool known = arg.op == pricing_op::eq || arg.op == pricing_op::neq ? fast_equal(m, arg, values, v) : fast_truth(m, a[k], values, v);
        if (!known) return false;
        if (v == stop_at) {
          out = stop_at;
          return true;
        }
      }
      out = !stop_at;
      return true;
    }
    case pricing_op::if_: {
      bool c = false;
      return fast_truth(m, a[0], values, c) && fast_truth(m, a[c ? 1 : 2], values, out);
    }
    case pricing_op::variable: {
      const pricing_value* v = n.slot < values.row->slots.size() ? values.bound[n.slot] : nullptr;
      if (v == nullptr || v->type != pricing_value::kind::boolean) return false;  // a default is never a truth value
      out = v->boolean;
      return true;
    }
    default:
      return false;
  }
}

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
    error = c.id + ": the " + role.noun + " is " + detail::pricing_kind_name(v.type) + ", not " + role.expected;
    return false;
  }
  return true;
}

namespace detail {
[[nodiscard]] inline decimal pricing_round(const decimal& d, pricing_rounding mode) noexcept {
  return mode == pricing_rounding::ceil ? d.ceil() : mode == pricing_rounding::floor ? d.floor() : d.round_half_up();
}
/// A tier's name in messages: its sku_id, else its place.
inline std::string pricing_tier_name(const pricing_component& c, const pricing_tier& t) {
  if (!t.sku_id.empty()) return "tier " + pricing_show(t.sku_id);
  return "tier " + std::to_string(&t - c.tiers.data());
}

/// The charge of a component at its rounding point, before the minimum: with q the quantity, r the
/// rate and m the multiplier selected, per_component_subtotal: round(q x r); per_quantity:
/// round(q x m) x r / m; per_tier: q x round(r). Empty on overflow.
[[nodiscard]] inline std::optional<decimal> pricing_rounded(pricing_rounding_point point, pricing_rounding mode, const decimal& q,
                                                           const decimal& r, const decimal& m) noexcept {
  switch (point) {
    case pricing_rounding_point::per_component_subtotal: {
      const auto sub = multiply(q, r);
      if (!sub) return std::nullopt;
      return pricing_round(*sub, mode);
    }
    case pricing_rounding_point::per_quantity: {
      const auto qm = multiply(q, m);
      if (!qm) return std::nullopt;
      const auto per = divide(r, m);
      if (!per) return std::nullopt;
      return multiply(pricing_round(*qm, mode), *per);
    }
    case pricing_rounding_point::per_tier:
      return multiply(q, pricing_round(r, mode));
  }
  return std::nullopt;
}
}  // namespace detail

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
        error = c.id + ": " + detail::pricing_tier_name(c, t) + ": when: " + error;
        return false;
      }
      if (v.type != pricing_value::kind::boolean) {
        error = c.id + ": " + detail::pricing_tier_name(c, t) + ": the condition is " + detail::pricing_kind_name(v.type) + ", not a truth value";
        return false;
      }
      holds = v.boolean;
    }
    if (!holds) continue;
    if (chosen != nullptr) {
      error = c.id + ": both " + detail::pricing_tier_name(c, *chosen) + " and " + detail::pricing_tier_name(c, t) +
              " match; the rules price a request by exactly one tier, so they cannot price this one";
      return false;
    }
    chosen = &t;
  }
  cp.tier = chosen;
  if (chosen != nullptr) {
    if (!chosen->available()) {
      error = c.id + ": the selected " + detail::pricing_tier_name(c, *chosen) + " is not available (pricing_status " +
              detail::pricing_show(chosen->pricing_status) + "): the rules do not price this request";
      return false;
    }
    cp.rate_uc = chosen->rate_uc;
    cp.multiplier = chosen->multiplier;
    cp.minimum_uc = chosen->minimum_uc;
  } else {
    if (!c.available()) {
      error = c.id + ": the component is not available (pricing_status " + detail::pricing_show(c.pricing_status) +
              "): the rules do not price this request";
      return false;
    }
    cp.rate_uc = c.rate_uc;
    cp.multiplier = decimal(1);
    cp.minimum_uc = c.minimum_uc;
  }
  return true;
}

inline bool pricing_table::charge(const pricing_component& c, const decimal& q, component_price& cp, std::int64_t& total, std::string& error) {
  if (q.is_negative()) {
    error = c.id + ": the quantity " + q.to_string() + " is negative";
    return false;
  }
  cp.quantity = q;
  const auto sub = multiply(q, cp.rate_uc);
  const auto rounded = sub ? detail::pricing_rounded(c.point, c.rounding, q, cp.rate_uc, cp.multiplier) : std::nullopt;
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
    error = m.model_id + " is not available (pricing_status " + detail::pricing_show(m.pricing_status) + "): the rules do not price it";
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

namespace detail {
/// For estimate.hpp: prices one of a table's own rows into small buffers (no allocation for rows
/// of up to `inline_components` components and up to pricing_table::inline_slots names).
struct pricing_access {
  static constexpr std::size_t inline_components = 4;
  struct priced {
    std::array<component_price, inline_components> small;
    std::vector<component_price> large;
    component_price* components = nullptr;
    std::size_t count = 0;
    std::int64_t total_uc = 0;
    std::string error;  // as price_result::error
    [[nodiscard]] bool ok() const noexcept { return error.empty(); }
    [[nodiscard]] const component_price& operator[](std::size_t i) const noexcept { return components[i]; }

    void reset(std::size_t n) {
      count = 0;
      total_uc = 0;
      error.clear();
      components = small.data();
      if (n > small.size()) {
        large.resize(n);
        components = large.data();
      }
    }
  };

  /// The slots of a row, bound to values.
  struct binding {
    std::array<const pricing_value*, pricing_table::inline_slots> small;  // the first `slots` are set
    std::vector<const pricing_value*> large;
    const pricing_value** bound = small.data();

    explicit binding(std::size_t slots) {
      if (slots > small.size()) {
        large.assign(slots, nullptr);
        bound = large.data();
      } else {
        for (std::size_t k = 0; k < slots; ++k) small[k] = nullptr;
      }
    }
  };

  /// A row of `t` with values bound to its slots once, priced as often as the values change: the
  /// two ends of a range differ in one value, checked again alone (what a new bind would find:
  /// the other values were checked already). `values` must outlive it; change them in place.
  struct bound_row {
    const pricing_table& t;
    const pricing_model& m;
    const pricing_table::row_index* row = nullptr;
    std::span<const pricing_variable> values;
    binding b;

    bound_row(const pricing_table& table, const pricing_model& model, std::span<const pricing_variable> v, std::size_t slots)
        : t(table), m(model), values(v), b(slots) {}
    bound_row(const bound_row&) = delete;  // `b` points into itself
    bound_row& operator=(const bound_row&) = delete;
  };

  /// The slot count of `m`'s row in `t`, or -1 when `m` is not one of `t`'s rows.
  [[nodiscard]] static std::ptrdiff_t slots_of(const pricing_table& t, const pricing_model& m) noexcept {
    const std::ptrdiff_t index = t.row_of(m);
    return index < 0 ? -1 : static_cast<std::ptrdiff_t>(t.rows_[static_cast<std::size_t>(index)].slots.size());
  }

  /// Binds r.values to r's slots, checking them; false with `error` (as price_result::error).
  static bool bind(bound_row& r, std::string& error) noexcept {
    try {
      const std::ptrdiff_t index = r.t.row_of(r.m);
      if (index < 0) {
        error = "the model is not a row of this table";
        return false;
      }
      r.row = &r.t.rows_[static_cast<std::size_t>(index)];
      return r.t.bind(r.m, *r.row, r.values, r.b.bound, error);
    } catch (...) {
      set_out_of_memory(error);
      return false;
    }
  }

  /// Checks r.values[k] again after it changed (its slot still points at it when it is the first
  /// value of its name); false with `error`.
  static bool recheck(const bound_row& r, std::size_t k, std::string& error) noexcept {
    try {
      const pricing_variable& v = r.values[k];
      for (const pricing_table::slot& s : r.row->slots)
        if (s.parameter >= 0 && detail::pricing_same_text(s.name, v.name))
          return pricing_table::check_parameter(r.m, r.m.parameters[static_cast<std::size_t>(s.parameter)], s.kind, v, error);
      return true;
    } catch (...) {
      set_out_of_memory(error);
      return false;
    }
  }

  /// Prices the bound values into `out`, as `t.price(m, values)` would.
  static void price(const bound_row& r, priced& out) noexcept {
    try {
      out.reset(r.m.components.size());
      (void)r.t.price_components(r.m, pricing_table::slot_values{r.row, r.b.bound}, out.components, out.count, out.total_uc, out.error);
    } catch (...) {
      out.count = 0;
      set_out_of_memory(out.error);
    }
  }

  /// As `t.price(m, values)`, into `out`. `m` must be one of `t`'s rows (`t.find`).
  static void price(const pricing_table& t, const pricing_model& m, std::span<const pricing_variable> values, priced& out) noexcept {
    try {
      out.reset(0);
      const std::ptrdiff_t slots = slots_of(t, m);
      bound_row r(t, m, values, slots < 0 ? 0 : static_cast<std::size_t>(slots));
      if (!bind(r, out.error)) return;
      price(r, out);
    } catch (...) {
      out.count = 0;
      set_out_of_memory(out.error);
    }
  }

 private:
  static void set_out_of_memory(std::string& error) noexcept {
    try {
      error = "out of memory";
    } catch (...) {
    }
  }
};
}  // namespace detail

inline price_result pricing_table::price(std::string_view model_id, std::span<const pricing_variable> values) const noexcept {
  if (const pricing_model* m = find(model_id)) return price(*m, values);
  price_result r;
  try {
    r.error = "the pricing table has no row for " + detail::pricing_show(model_id);
  } catch (...) {
  }
  return r;
}

}  // namespace seedance

#endif  // SEEDANCE_PRICING_HPP

// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/pricing.hpp> (include that, not this header): the general evaluator of the feed's
// expression trees (named or slot values, exact arithmetic, errors as messages) and the binding of
// values to a row.
#ifndef SEEDANCE_PRICING_HPP
#error "include <seedance/pricing.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_PRICING_EVALUATOR_HPP
#define SEEDANCE_DETAIL_PRICING_EVALUATOR_HPP

namespace seedance {

namespace detail::pricing {
inline std::string value_text(const pricing_value& v) {
  switch (v.type) {
    case pricing_value::kind::number: return v.number.to_string();
    case pricing_value::kind::text: return detail::text::quote(v.text, detail::text::feed_value);
    case pricing_value::kind::boolean: return v.boolean ? "true" : "false";
  }
  return {};
}
inline const char* kind_name(pricing_value::kind k) {
  return k == pricing_value::kind::number ? "a number" : k == pricing_value::kind::text ? "a text" : "a truth value";
}
}  // namespace detail::pricing

template <class Values>
inline bool pricing_table::number_args(const pricing_model& m, const node& n, const Values& values, decimal* out,
                                       std::string& error) const {
  for (std::uint32_t i = 0; i < n.count; ++i) {
    if (const node& a = nodes_[args_[n.first + i]]; a.op == pricing_op::constant && a.is_number) {  // no call for a number
      out[i] = a.number;
      continue;
    }
    pricing_value v;
    if (!arg(m, args_[n.first + i], values, v, error)) return false;
    if (v.type != pricing_value::kind::number) {
      error = std::string(to_string(n.op)) + " needs numbers, got " + detail::pricing::kind_name(v.type) + " (" +
              detail::pricing::value_text(v) + ")";
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
  error = "no value for the variable " + detail::text::quote(n.text, detail::text::feed_value) + " (and no default)";
  return false;
}

// By slot: the same answer, resolved when the row was loaded and the values were bound.
inline bool pricing_table::variable(const pricing_model& m, const node& n, const slot_values& values, pricing_value& out,
                                    std::string& error) const {
  if (n.slot < values.row->slots.size()) {
    if (const pricing_value* v = values.bound[n.slot]) {
      detail::pricing::assign(out, *v);
      return true;
    }
    const slot& s = values.row->slots[n.slot];
    switch (s.fallback) {
      case default_kind::number: out = pricing_value::of(s.default_number); return true;
      case default_kind::text:
        out = pricing_value::of_text(*m.parameters[static_cast<std::size_t>(s.parameter)].default_value);
        return true;
      case default_kind::not_a_number: error = "the default of " + n.text + " is not a number"; return false;
      case default_kind::none: break;
    }
  }
  error = "no value for the variable " + detail::text::quote(n.text, detail::text::feed_value) + " (and no default)";
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
    case pricing_op::ceil: out = pricing_value::of(a[0].ceil()); return true;
    case pricing_op::floor: out = pricing_value::of(a[0].floor()); return true;
    case pricing_op::clamp:
      if (a[1] > a[2]) {
        error = "clamp's lower bound " + a[1].to_string() + " is above its upper bound " + a[2].to_string();
        return false;
      }
      out = pricing_value::of(a[0] < a[1] ? a[1] : a[0] > a[2] ? a[2] : a[0]);
      return true;
    case pricing_op::gt: out = pricing_value::of_bool(a[0] > a[1]); return true;
    case pricing_op::gte: out = pricing_value::of_bool(a[0] >= a[1]); return true;
    case pricing_op::lt: out = pricing_value::of_bool(a[0] < a[1]); return true;
    case pricing_op::lte: out = pricing_value::of_bool(a[0] <= a[1]); return true;
    default: error = "unknown operator"; return false;
  }
}

inline std::optional<bool> pricing_table::equal_values(const pricing_value& a, const pricing_value& b) noexcept {
  using kind = pricing_value::kind;
  if (a.type == kind::number && b.type == kind::number) return a.number == b.number;
  if (a.type == kind::text && b.type == kind::text) return detail::pricing::same_text(a.text, b.text);
  if (a.type == kind::boolean && b.type == kind::boolean) return a.boolean == b.boolean;
  // A text and a number read from a constant (which keeps its text: "720" against an enum value
  // "720"): the text is compared with the constant as written.
  if ((a.type == kind::text && b.type == kind::number && !b.text.empty()) ||
      (b.type == kind::text && a.type == kind::number && !a.text.empty()))
    return detail::pricing::same_text(a.text, b.text);
  return std::nullopt;
}

inline bool pricing_table::equals(const pricing_value& a, const pricing_value& b, pricing_value& out, std::string& error) {
  if (const auto same = equal_values(a, b)) {
    out = pricing_value::of_bool(*same);
    return true;
  }
  error = std::string("eq compares ") + detail::pricing::kind_name(a.type) + " with " + detail::pricing::kind_name(b.type);
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
    if (detail::pricing::same_text(entries_[n.first + e].key, key)) {
      out = pricing_value::of(entries_[n.first + e].value);
      return true;
    }
  }
  error = "lookup has no entry for " + detail::text::quote(key, detail::text::feed_value) + " (entries:";
  for (std::uint32_t e = 0; e < n.count; ++e) error += " " + entries_[n.first + e].key;
  error += ")";
  return false;
}

template <class Values>
inline bool pricing_table::eval(const pricing_model& m, std::uint32_t i, const Values& values, pricing_value& out,
                                std::string& error) const {
  const node& n = nodes_[i];
  switch (n.op) {
    case pricing_op::variable: return variable(m, n, values, out, error);
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
          error = std::string(to_string(n.op)) + " needs numbers, got " + detail::pricing::kind_name(v.type) + " (" +
                  detail::pricing::value_text(v) + ")";
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
          error = std::string(to_string(n.op)) + " needs truth values, got " + detail::pricing::kind_name(v.type) + " (" +
                  detail::pricing::value_text(v) + ")";
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
        error = std::string("if needs a truth value, got ") + detail::pricing::kind_name(c.type);
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

inline bool pricing_table::evaluate(const pricing_model& model, std::uint32_t root, std::span<const pricing_variable> values,
                                    pricing_value& out, std::string& error) const {
  if (root >= nodes_.size()) {
    error = "no such expression";
    return false;
  }
  return eval(model, root, named_values{values}, out, error);
}

inline bool pricing_table::check_parameter(const pricing_model& m, const pricing_parameter& p, parameter_kind kind,
                                           const pricing_variable& v, std::string& error) {
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
      error = p.name + " " + v.value.number.to_string() + " is outside the priced range " + (p.minimum ? p.minimum->to_string() : "") +
              ".." + (p.maximum ? p.maximum->to_string() : "") + " of " + m.model_id;
      return false;
    }
  } else if (kind == parameter_kind::enumeration && !p.values.empty()) {
    if (v.value.type != pricing_value::kind::text) {
      error = p.name + " must be a text for " + m.model_id;
      return false;
    }
    for (const std::string& s : p.values)
      if (detail::pricing::same_text(s, v.value.text)) return true;
    error = p.name + " " + detail::text::quote(v.value.text, detail::text::feed_value) + " is not priced for " + m.model_id + " (priced:";
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

inline bool pricing_table::bind(const pricing_model& m, const row_index& r, std::span<const pricing_variable> values,
                                const pricing_value** bound, std::string& error) const {
  const std::size_t count = r.slots.size();
  for (const pricing_variable& v : values) {
    std::size_t k = 0;
    while (k < count && !detail::pricing::same_text(r.slots[k].name, v.name)) ++k;
    if (k == count) continue;  // a name the row neither declares nor reads
    const slot& s = r.slots[k];
    // a declared parameter: checked (values in the order given, as check_parameters does)
    if (s.parameter >= 0 && !check_parameter(m, m.parameters[static_cast<std::size_t>(s.parameter)], s.kind, v, error)) return false;
    if (bound[k] == nullptr) bound[k] = &v.value;  // the first value of a name counts
  }
  return true;
}

}  // namespace seedance

#endif  // SEEDANCE_DETAIL_PRICING_EVALUATOR_HPP

// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/pricing.hpp> (include that, not this header): the fast path: the trees evaluated
// over bound slots without messages (a failure falls back to the general evaluator).
#ifndef SEEDANCE_PRICING_HPP
#error "include <seedance/pricing.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_PRICING_FAST_PATH_HPP
#define SEEDANCE_DETAIL_PRICING_FAST_PATH_HPP

namespace seedance {

inline bool pricing_table::fast_leaf(const pricing_model& m, const node& n, const slot_values& values, pricing_value& out) const noexcept {
  if (n.op == pricing_op::constant) {
    out = n.is_number ? pricing_value::of(n.number) : pricing_value::of_text(n.text);
    if (n.is_number) out.text = n.text;
    return true;
  }
  if (n.op != pricing_op::variable || n.slot >= values.row->slots.size()) return false;
  if (const pricing_value* v = values.bound[n.slot]) {
    detail::pricing::assign(out, *v);
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
        out = detail::pricing::same_text(b->text, c.text) != negate;
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
    case pricing_op::constant: out = n.number; return n.is_number;
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
        if (detail::pricing::same_text(entries_[n.first + e].key, k.text)) {
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
    case pricing_op::not_: return false;  // truth values, not numbers
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
    case pricing_op::neq: return fast_equal(m, n, values, out);
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
        const bool known =
            arg.op == pricing_op::eq || arg.op == pricing_op::neq ? fast_equal(m, arg, values, v) : fast_truth(m, a[k], values, v);
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
    default: return false;
  }
}

}  // namespace seedance

#endif  // SEEDANCE_DETAIL_PRICING_FAST_PATH_HPP

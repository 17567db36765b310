// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// The bounds of a price over a range of one parameter (the estimator's unknown reference-video
// seconds): the ends are priced, and the trees are evaluated once more over the open interval
// between them in interval arithmetic (exact decimals; comparisons true, false or unknown; a tier
// that may or may not match counts with its whole charge range). That gives a bound that holds for
// every value in the range; when it equals the prices found at the priced points, the bounds are
// exact (attained). When it does not, the range is split at the constants its trees name (the
// boundaries of conditions and tiers) and, within a small budget, halved, and the bound is taken
// again: what is left is reported as a guaranteed, inexact bound. Used by estimate.hpp.
#ifndef SEEDANCE_DETAIL_PRICING_RANGE_HPP
#define SEEDANCE_DETAIL_PRICING_RANGE_HPP

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../../decimal.hpp"
#include "../../pricing.hpp"

namespace seedance::detail::pricing {

struct range {
  /// A value over the interval: a number between lo and hi (each end attained unless open), a
  /// text, or a truth value that may be unknown.
  struct value {
    pricing_value::kind type = pricing_value::kind::number;
    decimal lo, hi;
    bool lo_open = false, hi_open = false;
    std::string_view text;  // a text; for a number read from a constant, the constant as written
    std::uint8_t truth = 0;  // 0 false, 1 true, 2 unknown

    [[nodiscard]] bool point() const noexcept { return lo == hi && !lo_open && !hi_open; }
    static value number(const decimal& d) noexcept {
      value v;
      v.lo = v.hi = d;
      return v;
    }
    static value boolean(std::uint8_t t) noexcept {
      value v;
      v.type = pricing_value::kind::boolean;
      v.truth = t;
      return v;
    }
  };
  static constexpr std::uint8_t no = 0, yes = 1, maybe = 2;

  /// What the bound found: the least and greatest total (uc) any value of the range can cost, and
  /// whether these are attained (exact); `bounded` false when no bound could be proven (a
  /// division by an interval holding 0, a lookup by a ranged key, ...), and `why` names it.
  struct result {
    std::int64_t min_uc = 0, max_uc = 0;
    bool exact = false;
    bool bounded = false;
    bool may_fail = false;  // some value of the range may not be priceable (two tiers may match, ...)
    std::string why;        // an error at a point inside the range (no estimate), when set
  };

  /// Bounds the total of `r` (bound to its values) when `ranged` (one of r.values, bound to its
  /// slot) lies in [lo, hi] (lo < hi). `lo_uc`/`hi_uc` are the totals already priced at the ends.
  /// `ranged` is changed while it works and restored to `lo`.
  static result bound_total(const access::bound_row& r, pricing_variable& ranged, const decimal& lo, const decimal& hi, std::int64_t lo_uc,
                            std::int64_t hi_uc) {
    result out;
    const pricing_table& t = r.t;
    const pricing_model& m = r.m;
    std::uint32_t slot = 0;
    while (slot < r.row->slots.size() && !same_text(r.row->slots[slot].name, ranged.name)) ++slot;
    const pricing_table::slot_values values{r.row, r.b.bound};

    struct piece {
      decimal at;
      std::int64_t uc;
    };
    // The priced points, in order (in place: the first bound, on the two ends, allocates nothing).
    struct point_list {
      std::array<piece, max_cuts + max_halvings + 2> at;
      std::size_t n = 0;
      [[nodiscard]] std::size_t size() const noexcept { return n; }
      piece& operator[](std::size_t i) noexcept { return at[i]; }
      const piece* begin() const noexcept { return at.data(); }
      const piece* end() const noexcept { return at.data() + n; }
      void insert_at(std::size_t i, const piece& p) noexcept {  // the caller keeps n below the capacity
        for (std::size_t k = n; k > i; --k) at[k] = at[k - 1];
        at[i] = p;
        ++n;
      }
    } points;
    points.insert_at(0, piece{lo, lo_uc});
    points.insert_at(1, piece{hi, hi_uc});
    auto price_at = [&](const decimal& x, std::int64_t& uc) {
      ranged.value = pricing_value::of(x);
      access::priced p;
      access::price(r, p);
      ranged.value = pricing_value::of(lo);
      if (!p.ok()) {
        out.why = "at " + std::string(ranged.name) + " = " + x.to_string() + ", within the range: " + p.error;
        return false;
      }
      uc = p.total_uc;
      return true;
    };
    // The bound over each open gap between neighbouring points; true when every gap's bound lies
    // within the prices found at the points (exact).
    auto measure = [&](bool& exact, std::int64_t& lo_b, std::int64_t& hi_b, bool& may_fail, std::size_t& worst) {
      std::int64_t att_lo = points[0].uc, att_hi = points[0].uc;
      for (const piece& p : points) att_lo = std::min(att_lo, p.uc), att_hi = std::max(att_hi, p.uc);
      lo_b = att_lo;
      hi_b = att_hi;
      may_fail = false;
      exact = true;
      worst = 0;
      for (std::size_t i = 0; i + 1 < points.size(); ++i) {
        std::int64_t glo = 0, ghi = 0;
        bool fail = false;
        value x;
        x.lo = points[i].at;
        x.hi = points[i + 1].at;
        x.lo_open = x.hi_open = true;
        if (!total(t, m, values, slot, x, glo, ghi, fail)) return false;
        may_fail = may_fail || fail;
        if (glo < att_lo || ghi > att_hi || fail) {
          exact = false;
          if (worst == 0) worst = i + 1;
        }
        lo_b = std::min(lo_b, glo);
        hi_b = std::max(hi_b, ghi);
      }
      return true;
    };

    bool exact = false, may_fail = false;
    std::size_t worst = 0;
    std::int64_t lo_b = 0, hi_b = 0;
    bool bounded = measure(exact, lo_b, hi_b, may_fail, worst);
    if (!bounded || !exact) {
      // Split at the constants the row's trees name inside the range, then halve, within a budget.
      std::vector<decimal> cuts;
      for (const pricing_component& c : m.components) {
        collect(t, c.quantity, lo, hi, cuts);
        if (c.condition) collect(t, *c.condition, lo, hi, cuts);
        for (const pricing_tier& tr : c.tiers) collect(t, tr.when, lo, hi, cuts);
      }
      std::sort(cuts.begin(), cuts.end());
      cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
      if (cuts.size() > max_cuts) cuts.resize(max_cuts);
      for (const decimal& c : cuts) {
        std::int64_t uc = 0;
        if (!price_at(c, uc)) return out;
        points.insert_at(points.size() - 1, piece{c, uc});
      }
      bounded = measure(exact, lo_b, hi_b, may_fail, worst);
      for (std::size_t halvings = 0; !exact && halvings < max_halvings; ++halvings) {
        const std::size_t i = bounded ? worst - 1 : halvings % (points.size() - 1);
        const auto sum = add(points[i].at, points[i + 1].at);
        const auto mid = sum ? divide(*sum, decimal(2)) : std::nullopt;
        if (!mid) break;
        std::int64_t uc = 0;
        if (!price_at(*mid, uc)) return out;
        points.insert_at(i + 1, piece{*mid, uc});
        bounded = measure(exact, lo_b, hi_b, may_fail, worst);
      }
    }
    out.bounded = bounded;
    out.exact = bounded && exact;
    out.may_fail = may_fail;
    if (bounded) {
      out.min_uc = lo_b;
      out.max_uc = hi_b;
    } else {
      out.min_uc = std::min(lo_uc, hi_uc);
      out.max_uc = std::max(lo_uc, hi_uc);
      for (const piece& p : points) out.min_uc = std::min(out.min_uc, p.uc), out.max_uc = std::max(out.max_uc, p.uc);
    }
    return out;
  }

  static constexpr std::size_t max_cuts = 16;
  static constexpr std::size_t max_halvings = 8;

 private:
  using slot_values = pricing_table::slot_values;
  using node = pricing_table::node;

  /// The numeric constants of tree `i` strictly inside (lo, hi).
  static void collect(const pricing_table& t, std::uint32_t i, const decimal& lo, const decimal& hi, std::vector<decimal>& out) {
    const node& n = t.nodes_[i];
    if (n.op == pricing_op::constant) {
      if (n.is_number && lo < n.number && n.number < hi && out.size() < 4 * max_cuts) out.push_back(n.number);
      return;
    }
    if (n.op == pricing_op::variable) return;
    if (n.op == pricing_op::lookup) {
      collect(t, n.key, lo, hi, out);
      return;
    }
    for (std::uint32_t k = 0; k < n.count; ++k) collect(t, t.args_[n.first + k], lo, hi, out);
  }

  /// Bounds of the row's total over `x` (the ranged slot); false when no bound can be proven.
  static bool total(const pricing_table& t, const pricing_model& m, const slot_values& values, std::uint32_t slot, const value& x,
                    std::int64_t& lo, std::int64_t& hi, bool& may_fail) {
    lo = hi = 0;
    for (const pricing_component& c : m.components) {
      std::uint8_t applies = yes;
      if (c.condition) {
        value v;
        if (!eval(t, m, *c.condition, values, slot, x, v) || v.type != pricing_value::kind::boolean) return false;
        applies = v.truth;
      }
      if (applies == no) continue;
      value q;
      if (!eval(t, m, c.quantity, values, slot, x, q) || q.type != pricing_value::kind::number) return false;
      if (q.lo.is_negative()) {
        may_fail = true;  // a negative quantity is an error where it is reached
        if (q.hi.is_negative()) return false;
        q.lo = decimal(0);
      }
      // The candidates: every tier that may match, and the component's own rate when none may.
      std::size_t sure = 0, unsure = 0;
      std::int64_t clo = 0, chi = 0;
      bool any = false;
      auto consider = [&](const decimal& rate, const decimal& mult, const decimal& minimum, bool available) {
        if (!available) {
          may_fail = true;
          return true;
        }
        std::int64_t a = 0, b = 0;
        if (!charge_bounds(c, q, rate, mult, minimum, a, b, may_fail)) return false;
        clo = any ? std::min(clo, a) : a;
        chi = any ? std::max(chi, b) : b;
        any = true;
        return true;
      };
      for (const pricing_tier& tr : c.tiers) {
        value w;
        if (!eval(t, m, tr.when, values, slot, x, w) || w.type != pricing_value::kind::boolean) return false;
        if (w.truth == no) continue;
        (w.truth == yes ? sure : unsure) += 1;
        if (!consider(tr.rate_uc, tr.multiplier, tr.minimum_uc, tr.available())) return false;
      }
      if (sure >= 2) return false;  // two tiers match everywhere in the gap: no price there
      if (sure + unsure >= 2) may_fail = true;
      if (sure == 0 && !consider(c.rate_uc, decimal(1), c.minimum_uc, c.available())) return false;
      if (!any) continue;  // nothing priceable: every value here fails (may_fail is set)
      if (applies == maybe) clo = std::min<std::int64_t>(clo, 0);
      if (clo > 0 && lo > i64_max - clo) return false;
      if (chi > 0 && hi > i64_max - chi) return false;
      lo += clo;
      hi += chi;
    }
    return true;
  }

  /// The charge of a quantity in [q.lo, q.hi] at one rate: monotone in the quantity (every
  /// rounding mode is, and so is the minimum), so its ends bound it; a charge that may not be
  /// whole uc inside sets may_fail.
  static bool charge_bounds(const pricing_component& c, const value& q, const decimal& rate, const decimal& mult, const decimal& minimum,
                            std::int64_t& lo, std::int64_t& hi, bool& may_fail) {
    const auto a = rounded(c.point, c.rounding, q.lo, rate, mult);
    const auto b = rounded(c.point, c.rounding, q.hi, rate, mult);
    if (!a || !b) return false;
    const decimal al = *a < minimum ? minimum : *a;
    const decimal bh = *b < minimum ? minimum : *b;
    if (!al.is_integer() || !bh.is_integer()) may_fail = true;
    if (!q.point()) {
      // between the ends: per_quantity steps by r/m, per_tier by round(r) per unit of quantity
      if (c.point == pricing_rounding_point::per_tier) may_fail = true;
      if (c.point == pricing_rounding_point::per_quantity) {
        const auto step = divide(rate, mult);
        if (!step || !step->is_integer()) may_fail = true;
      }
      if (!minimum.is_integer()) may_fail = true;
    }
    const auto l = al.floor().to_integer();
    const auto h = bh.ceil().to_integer();
    if (!l || !h) return false;
    lo = *l;
    hi = *h;
    return true;
  }

  // Interval arithmetic. Each returns false when it cannot bound (overflow, a type error, ...).
  static bool hull(value& a, const value& b) {
    if (a.type != b.type) return false;
    if (a.type == pricing_value::kind::boolean) {
      if (a.truth != b.truth) a.truth = maybe;
      return true;
    }
    if (a.type == pricing_value::kind::text) return same_text(a.text, b.text);
    if (b.lo < a.lo || (b.lo == a.lo && !b.lo_open)) a.lo_open = b.lo == a.lo ? (a.lo_open && b.lo_open) : b.lo_open, a.lo = b.lo;
    if (b.hi > a.hi || (b.hi == a.hi && !b.hi_open)) a.hi_open = b.hi == a.hi ? (a.hi_open && b.hi_open) : b.hi_open, a.hi = b.hi;
    a.text = {};
    return true;
  }
  // a > b: yes, no or maybe.
  static std::uint8_t greater(const value& a, const value& b) noexcept {
    if (a.lo > b.hi || (a.lo == b.hi && (a.lo_open || b.hi_open))) return yes;
    if (a.hi <= b.lo) return no;
    return maybe;
  }
  // a >= b
  static std::uint8_t greater_equal(const value& a, const value& b) noexcept {
    if (a.lo >= b.hi) return yes;
    if (a.hi < b.lo || (a.hi == b.lo && (a.hi_open || b.lo_open))) return no;
    return maybe;
  }
  static bool fold(pricing_op op, value& acc, const value& v) {
    switch (op) {
      case pricing_op::add: {
        const auto l = add(acc.lo, v.lo), h = add(acc.hi, v.hi);
        if (!l || !h) return false;
        acc.lo = *l, acc.hi = *h;
        acc.lo_open = acc.lo_open || v.lo_open;
        acc.hi_open = acc.hi_open || v.hi_open;
        return true;
      }
      case pricing_op::multiply: {
        if (v.point() || acc.point()) {  // by a number (a constant, a lookup): two products, not four
          const bool by_v = v.point();
          const decimal& c = by_v ? v.lo : acc.lo;
          value x = by_v ? acc : v;
          const auto l = multiply(x.lo, c), h = multiply(x.hi, c);
          if (!l || !h) return false;
          if (c.is_zero()) {
            acc = value::number(decimal(0));
            return true;
          }
          const bool negative = c.is_negative();
          acc.lo = negative ? *h : *l;
          acc.hi = negative ? *l : *h;
          acc.lo_open = negative ? x.hi_open : x.lo_open;
          acc.hi_open = negative ? x.lo_open : x.hi_open;
          acc.text = {};
          return true;
        }
        std::array<decimal, 4> p;
        const std::array<std::pair<const decimal*, const decimal*>, 4> corners{
            {{&acc.lo, &v.lo}, {&acc.lo, &v.hi}, {&acc.hi, &v.lo}, {&acc.hi, &v.hi}}};
        for (std::size_t k = 0; k < 4; ++k) {
          const auto r = multiply(*corners[k].first, *corners[k].second);
          if (!r) return false;
          p[k] = *r;
        }
        const bool keep = v.point() && !v.lo.is_negative() && !v.lo.is_zero();  // scaling by a positive point keeps open ends
        const bool keep_acc = acc.point() && !acc.lo.is_negative() && !acc.lo.is_zero();
        const bool lo_open = keep ? acc.lo_open : keep_acc ? v.lo_open : false;
        const bool hi_open = keep ? acc.hi_open : keep_acc ? v.hi_open : false;
        acc.lo = *std::min_element(p.begin(), p.end());
        acc.hi = *std::max_element(p.begin(), p.end());
        acc.lo_open = lo_open && !acc.point();
        acc.hi_open = hi_open && !acc.point();
        return true;
      }
      case pricing_op::max:
      case pricing_op::min: {
        const bool mx = op == pricing_op::max;
        auto pick = [mx](const decimal& a, bool ao, const decimal& b, bool bo, decimal& out, bool& open) {
          if (a == b) {
            out = a;
            open = ao && bo;
          } else if ((a > b) == mx) {
            out = a;
            open = ao;
          } else {
            out = b;
            open = bo;
          }
        };
        decimal l, h;
        bool lo_o = false, hi_o = false;
        pick(acc.lo, acc.lo_open, v.lo, v.lo_open, l, lo_o);
        pick(acc.hi, acc.hi_open, v.hi, v.hi_open, h, hi_o);
        acc.lo = l, acc.hi = h, acc.lo_open = lo_o, acc.hi_open = hi_o;
        return true;
      }
      default: return false;
    }
  }

  static bool eval(const pricing_table& t, const pricing_model& m, std::uint32_t i, const slot_values& values, std::uint32_t slot,
                   const value& x, value& out) {
    const node& n = t.nodes_[i];
    const std::uint32_t* a = t.args_.data() + n.first;
    using kind = pricing_value::kind;
    switch (n.op) {
      case pricing_op::constant:
        if (n.is_number) out = value::number(n.number);
        else out = value{}, out.type = kind::text;
        out.text = n.text;
        return true;
      case pricing_op::variable: {
        if (n.slot == slot) {
          out = x;
          return true;
        }
        pricing_value v;
        if (!t.fast_leaf(m, n, values, v)) return false;  // no value (an error at the points too): no bound
        out = value{};
        out.type = v.type;
        out.lo = out.hi = v.number;
        out.text = v.text;
        out.truth = v.boolean ? yes : no;
        return true;
      }
      case pricing_op::add:
      case pricing_op::multiply:
      case pricing_op::max:
      case pricing_op::min:
        for (std::uint32_t k = 0; k < n.count; ++k) {
          value v;
          if (!number(t, m, a[k], values, slot, x, v)) return false;
          if (k == 0) out = v, out.text = {};
          else if (!fold(n.op, out, v)) return false;
        }
        return true;
      case pricing_op::subtract: {
        value p, q;
        if (!number(t, m, a[0], values, slot, x, p) || !number(t, m, a[1], values, slot, x, q)) return false;
        const auto l = subtract(p.lo, q.hi), h = subtract(p.hi, q.lo);
        if (!l || !h) return false;
        out = value::number(*l);
        out.hi = *h;
        out.lo_open = p.lo_open || q.hi_open;
        out.hi_open = p.hi_open || q.lo_open;
        return true;
      }
      case pricing_op::divide: {
        value p, q;
        if (!number(t, m, a[0], values, slot, x, p) || !number(t, m, a[1], values, slot, x, q)) return false;
        if (!(q.lo > decimal(0) || q.hi < decimal(0))) return false;  // 0 in the divisor's interval (or at its end)
        if (q.point()) {  // by a number: two quotients
          const auto l = divide(p.lo, q.lo), h = divide(p.hi, q.lo);
          if (!l || !h) return false;
          const bool negative = q.lo.is_negative();
          out = value::number(negative ? *h : *l);
          out.hi = negative ? *l : *h;
          out.lo_open = negative ? p.hi_open : p.lo_open;
          out.hi_open = negative ? p.lo_open : p.hi_open;
          return true;
        }
        const auto il = divide(decimal(1), q.hi), ih = divide(decimal(1), q.lo);
        if (!il || !ih) return false;
        value inv = value::number(*il);
        inv.hi = *ih;
        inv.lo_open = q.hi_open;
        inv.hi_open = q.lo_open;
        out = p;
        out.text = {};
        return fold(pricing_op::multiply, out, inv);
      }
      case pricing_op::ceil:
      case pricing_op::floor: {
        value v;
        if (!number(t, m, a[0], values, slot, x, v)) return false;
        out = value::number(v.lo);
        if (n.op == pricing_op::ceil) {
          // (a, ...) with a whole: every value is above a, so its ceiling is at least a + 1
          const auto next = v.lo_open && v.lo.is_integer() ? add(v.lo, decimal(1)) : std::optional<decimal>(v.lo.ceil());
          if (!next) return false;
          out.lo = *next;
          out.hi = v.hi.ceil();
        } else {
          const auto prev = v.hi_open && v.hi.is_integer() ? subtract(v.hi, decimal(1)) : std::optional<decimal>(v.hi.floor());
          if (!prev) return false;
          out.lo = v.lo.floor();
          out.hi = *prev;
        }
        if (out.hi < out.lo) std::swap(out.lo, out.hi);  // (cannot happen for a non-empty interval; kept safe)
        return true;
      }
      case pricing_op::clamp: {
        value v, l, h;
        if (!number(t, m, a[0], values, slot, x, v) || !number(t, m, a[1], values, slot, x, l) || !number(t, m, a[2], values, slot, x, h))
          return false;
        if (l.hi > h.lo) return false;  // its bounds may cross: an error somewhere
        v.text = {};
        if (!fold(pricing_op::max, v, l) || !fold(pricing_op::min, v, h)) return false;
        out = v;
        return true;
      }
      case pricing_op::gt:
      case pricing_op::gte:
      case pricing_op::lt:
      case pricing_op::lte: {
        value p, q;
        if (!number(t, m, a[0], values, slot, x, p) || !number(t, m, a[1], values, slot, x, q)) return false;
        const std::uint8_t r = n.op == pricing_op::gt    ? greater(p, q)
                               : n.op == pricing_op::gte ? greater_equal(p, q)
                               : n.op == pricing_op::lt  ? greater(q, p)
                                                         : greater_equal(q, p);
        out = value::boolean(r);
        return true;
      }
      case pricing_op::eq:
      case pricing_op::neq: {
        // Two leaves that are not the ranged variable (eq(quality, "720p") of a per-quality tier):
        // compared as the evaluator compares them, without the interval values.
        if (leaf_equality(t, n, slot)) {
          bool same = false;
          if (!t.fast_equal(m, n, values, same)) return false;
          out = value::boolean(same ? yes : no);  // (fast_equal applied neq)
          return true;
        }
        value p, q;
        if (!eval(t, m, a[0], values, slot, x, p) || !eval(t, m, a[1], values, slot, x, q)) return false;
        std::uint8_t r = maybe;
        if (p.type == kind::number && q.type == kind::number) {
          if (p.point() && q.point()) r = p.lo == q.lo ? yes : no;
          else if (greater(p, q) == yes || greater(q, p) == yes) r = no;
        } else if (p.type == kind::boolean && q.type == kind::boolean) {
          if (p.truth != maybe && q.truth != maybe) r = p.truth == q.truth ? yes : no;
        } else if (p.type == kind::text && q.type == kind::text) {
          r = same_text(p.text, q.text) ? yes : no;
        } else {
          // a text and a number read from a constant: compared as written (as the evaluator does)
          const value& num = p.type == kind::number ? p : q;
          const value& txt = p.type == kind::text ? p : q;
          if (txt.type != kind::text || num.type != kind::number || num.text.empty() || !num.point()) return false;
          r = same_text(num.text, txt.text) ? yes : no;
        }
        if (n.op == pricing_op::neq && r != maybe) r = r == yes ? no : yes;
        out = value::boolean(r);
        return true;
      }
      case pricing_op::and_:
      case pricing_op::or_:
      case pricing_op::not_: {
        const std::uint8_t decide = n.op == pricing_op::or_ ? yes : no;
        bool unknown = false;
        for (std::uint32_t k = 0; k < n.count; ++k) {
          value v;
          if (bool same = false; leaf_equality(t, t.nodes_[a[k]], slot) && t.fast_equal(m, t.nodes_[a[k]], values, same))
            v = value::boolean(same ? yes : no);  // (a per-quality tier's eq(quality, "720p"), without the call)
          else if (!eval(t, m, a[k], values, slot, x, v) || v.type != kind::boolean) return false;
          if (n.op == pricing_op::not_) {
            out = value::boolean(v.truth == maybe ? maybe : v.truth == yes ? no : yes);
            return true;
          }
          if (v.truth == decide) {
            out = value::boolean(decide);
            return true;
          }
          unknown = unknown || v.truth == maybe;
        }
        out = value::boolean(unknown ? maybe : decide == yes ? no : yes);
        return true;
      }
      case pricing_op::if_: {
        value c;
        if (!eval(t, m, a[0], values, slot, x, c) || c.type != kind::boolean) return false;
        if (c.truth != maybe) return eval(t, m, a[c.truth == yes ? 1 : 2], values, slot, x, out);
        value e;
        if (!eval(t, m, a[1], values, slot, x, out) || !eval(t, m, a[2], values, slot, x, e)) return false;
        return hull(out, e);
      }
      case pricing_op::lookup: {
        value k;
        if (!eval(t, m, n.key, values, slot, x, k)) return false;
        std::string number_key;
        std::string_view key;
        if (k.type == kind::text) {
          key = k.text;
        } else if (k.type == kind::number && k.point()) {
          number_key = k.lo.to_string();
          key = number_key;
        } else {
          return false;
        }
        for (std::uint32_t e = 0; e < n.count; ++e) {
          if (same_text(t.entries_[n.first + e].key, key)) {
            out = value::number(t.entries_[n.first + e].value);
            return true;
          }
        }
        return false;
      }
    }
    return false;
  }

  /// eq or neq of two leaves that are not the ranged variable.
  static bool leaf_equality(const pricing_table& t, const node& n, std::uint32_t slot) noexcept {
    if (n.op != pricing_op::eq && n.op != pricing_op::neq) return false;
    const node& l = t.nodes_[t.args_[n.first]];
    const node& r = t.nodes_[t.args_[n.first + 1]];
    return (l.op == pricing_op::constant || (l.op == pricing_op::variable && l.slot != slot)) &&
           (r.op == pricing_op::constant || (r.op == pricing_op::variable && r.slot != slot));
  }

  static bool number(const pricing_table& t, const pricing_model& m, std::uint32_t i, const slot_values& values, std::uint32_t slot,
                     const value& x, value& out) {
    return eval(t, m, i, values, slot, x, out) && out.type == pricing_value::kind::number;
  }
};

}  // namespace seedance::detail::pricing

#endif  // SEEDANCE_DETAIL_PRICING_RANGE_HPP

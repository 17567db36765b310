// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/pricing.hpp> (include that, not this header): estimate.hpp's access to a table: a
// row priced into small buffers, without allocation.
#ifndef SEEDANCE_PRICING_HPP
#error "include <seedance/pricing.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_PRICING_ACCESS_HPP
#define SEEDANCE_DETAIL_PRICING_ACCESS_HPP

namespace seedance {

namespace detail::pricing {
/// For estimate.hpp: prices one of a table's own rows into small buffers (no allocation for rows
/// of up to `inline_components` components and up to pricing_table::inline_slots names).
struct access {
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
        if (s.parameter >= 0 && detail::pricing::same_text(s.name, v.name))
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
    } catch (...) {}
  }
};
}  // namespace detail::pricing

}  // namespace seedance

#endif  // SEEDANCE_DETAIL_PRICING_ACCESS_HPP

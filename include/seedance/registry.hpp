// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// The Boost.Hana registry of the model types, one per row of `model_rows`: compile-time iteration
// (all_models) and runtime-to-type dispatch (visit_model). Only the Hana headers this needs are included.
#ifndef SEEDANCE_REGISTRY_HPP
#define SEEDANCE_REGISTRY_HPP

#include <boost/hana/for_each.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>

#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include "models.hpp"

namespace seedance {

namespace detail {
/// The row indices of `model_rows`: the registry is generated from them, not from a list of tags.
using model_row_indices = std::make_index_sequence<model_rows.size()>;

template <std::size_t... R>
constexpr auto hana_types(std::index_sequence<R...>) {
  return boost::hana::tuple_t<model_at<R>...>;
}

/// What `f` returns for `hana::type_c<M>`, as `visit_model` passes it (an lvalue).
template <class F, class M>
using visit_result_for = std::invoke_result_t<F&, std::remove_const_t<decltype(boost::hana::type_c<M>)>&>;
template <class F, std::size_t... R>
auto common_visit_result(std::index_sequence<R...>) -> std::common_type_t<visit_result_for<F, model_at<R>>...>;
}  // namespace detail

/// The model types of the table (`model_at<R>` for each row R), as a Hana tuple of `hana::type`s, in
/// the order of `model_rows` and `model_catalog`.
inline constexpr auto all_models = detail::hana_types(detail::model_row_indices{});

/// Calls `f(boost::hana::type_c<M>)` for the model `M` whose API id is `id`.
///
/// Returns `bool` (whether `id` named a model) when `f` returns void, else a `std::optional` of the
/// common type of `f`'s results, empty for an unknown id. An unknown id calls nothing.
template <class F>
constexpr auto visit_model(std::string_view id, F&& f) {
  using result = decltype(detail::common_visit_result<F>(detail::model_row_indices{}));
  if constexpr (std::is_void_v<result>) {
    bool found = false;
    boost::hana::for_each(all_models, [&](auto t) {
      if (!found && model_traits<typename decltype(t)::type>::id == id) {
        found = true;
        f(t);
      }
    });
    return found;
  } else {
    std::optional<std::remove_cvref_t<result>> out;
    boost::hana::for_each(all_models, [&](auto t) {
      if (!out && model_traits<typename decltype(t)::type>::id == id) out.emplace(f(t));
    });
    return out;
  }
}

/// Calls `f(boost::hana::type_c<M>)` for each model of the table, in catalogue order.
template <class F>
constexpr void for_each_model(F&& f) {
  boost::hana::for_each(all_models, f);
}

}  // namespace seedance

#endif  // SEEDANCE_REGISTRY_HPP

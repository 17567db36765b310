// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// The Boost.Hana registry of the nine model types: compile-time iteration (all_models) and
// runtime-to-type dispatch (visit_model). Only the Hana headers this needs are included.
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
template <class... M>
struct model_list {};
using all_model_types =
    model_list<models::text_to_video, models::image_to_video, models::reference_to_video, models::fast_text_to_video,
               models::fast_image_to_video, models::fast_reference_to_video, models::mini_text_to_video,
               models::mini_image_to_video, models::mini_reference_to_video>;

template <class... M>
constexpr auto hana_types(model_list<M...>) {
  return boost::hana::tuple_t<M...>;
}
template <class... M>
constexpr bool in_catalog_order(model_list<M...>) {
  std::size_t i = 0;
  return sizeof...(M) == model_catalog.size() && ((model_traits<M>::id == model_catalog[i++].id) && ...);
}

/// What `f` returns for `hana::type_c<M>`, as `visit_model` passes it (an lvalue).
template <class F, class M>
using visit_result_for = std::invoke_result_t<F&, std::remove_const_t<decltype(boost::hana::type_c<M>)>&>;
template <class F, class... M>
auto common_visit_result(model_list<M...>) -> std::common_type_t<visit_result_for<F, M>...>;
}  // namespace detail

/// The nine model types, as a Hana tuple of `hana::type`s, in the order of `model_catalog`.
inline constexpr auto all_models = detail::hana_types(detail::all_model_types{});

static_assert(detail::in_catalog_order(detail::all_model_types{}),
              "seedance: all_models must list every model of model_catalog, in its order");

/// Calls `f(boost::hana::type_c<M>)` for the model `M` whose API id is `id`.
///
/// Returns `bool` (whether `id` named a model) when `f` returns void, else a `std::optional` of the
/// common type of `f`'s results, empty for an unknown id. An unknown id calls nothing.
template <class F>
constexpr auto visit_model(std::string_view id, F&& f) {
  using result = decltype(detail::common_visit_result<F>(detail::all_model_types{}));
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

/// Calls `f(boost::hana::type_c<M>)` for each of the nine models, in catalogue order.
template <class F>
constexpr void for_each_model(F&& f) {
  boost::hana::for_each(all_models, f);
}

}  // namespace seedance

#endif  // SEEDANCE_REGISTRY_HPP

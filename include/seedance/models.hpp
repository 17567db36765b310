// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// The nine models as tag types, and model_traits<M>, which reads the capability table of spec.hpp.
// The Hana registry (all_models, visit_model) is in registry.hpp.
#ifndef SEEDANCE_MODELS_HPP
#define SEEDANCE_MODELS_HPP

#include <cstddef>
#include <string_view>
#include <type_traits>

#include "spec.hpp"

namespace seedance {

namespace detail {
/// Base of the model tags: a model is named by its mode and tier; its row is found in the table.
template <seedance::mode Mode, seedance::tier Tier>
struct model_tag {
  static constexpr seedance::mode mode_value = Mode;
  static constexpr seedance::tier tier_value = Tier;
};

template <seedance::mode Mode, seedance::tier Tier>
constexpr bool derives_from_model_tag(const model_tag<Mode, Tier>*) {
  return true;
}
constexpr bool derives_from_model_tag(const void*) { return false; }
}  // namespace detail

/// The nine models of Seedance 2.0.
namespace models {
struct text_to_video : detail::model_tag<mode::text_to_video, tier::standard> {};
struct image_to_video : detail::model_tag<mode::image_to_video, tier::standard> {};
struct reference_to_video : detail::model_tag<mode::reference_to_video, tier::standard> {};
struct fast_text_to_video : detail::model_tag<mode::text_to_video, tier::fast> {};
struct fast_image_to_video : detail::model_tag<mode::image_to_video, tier::fast> {};
struct fast_reference_to_video : detail::model_tag<mode::reference_to_video, tier::fast> {};
struct mini_text_to_video : detail::model_tag<mode::text_to_video, tier::mini> {};
struct mini_image_to_video : detail::model_tag<mode::image_to_video, tier::mini> {};
struct mini_reference_to_video : detail::model_tag<mode::reference_to_video, tier::mini> {};
}  // namespace models

/// One of the nine model tags of `seedance::models`.
template <class M>
concept model_type = std::is_class_v<M> && detail::derives_from_model_tag(static_cast<const M*>(nullptr)) &&
                     find_model(M::mode_value, M::tier_value) != nullptr;

/// Compile-time capabilities of model `M`, read from `model_catalog` (spec.hpp).
template <model_type M>
struct model_traits {
  /// The model's full row of the capability table (the same object `find_model(id)` returns).
  static constexpr const model_info& info = *find_model(M::mode_value, M::tier_value);

  static constexpr std::string_view id = info.id;
  static constexpr seedance::mode mode = info.mode;
  static constexpr seedance::tier tier = info.tier;
  static constexpr std::size_t min_images = info.images.min;
  static constexpr std::size_t max_images = info.images.max;
  static constexpr std::size_t max_videos = info.videos.max;
  static constexpr std::size_t max_audios = info.audios.max;
  static constexpr bool web_search = info.web_search;
  static constexpr bool audio_needs_visual = info.audio_needs_visual;

  [[nodiscard]] static constexpr bool supports(seedance::quality q) noexcept { return info.supports(q); }
  [[nodiscard]] static constexpr std::size_t max_media(media_kind k) noexcept { return info.media(k).max; }
};

/// Models whose requests may set `model_params.web_search` (rule web_search_unsupported).
template <class M>
concept supports_web_search = model_type<M> && model_traits<M>::web_search;

}  // namespace seedance

#endif  // SEEDANCE_MODELS_HPP

// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// The models as tag types, and model_traits<M>, which reads the capability table of spec.hpp.
// A model is a row of `model_rows`; its tag is `model_at<R>`, R the row's index. The named tags of
// `seedance::models` are found by their id, and are the same types as `model_at` of their rows.
// The Hana registry (all_models, visit_model) is in registry.hpp.
#ifndef SEEDANCE_MODELS_HPP
#define SEEDANCE_MODELS_HPP

#include <cstddef>
#include <string_view>
#include <type_traits>

#include "spec.hpp"

namespace seedance {

namespace detail {
/// Base of the model tags: a model is row `Row` of `model_rows`.
template <std::size_t Row>
struct model_tag {
  static_assert(Row < model_rows.size(), "seedance: model_tag<Row>: Row is not a row of model_rows");
  static constexpr std::size_t row = Row;
};

template <std::size_t Row>
constexpr bool derives_from_model_tag(const model_tag<Row>*) {
  return true;
}
constexpr bool derives_from_model_tag(const void*) { return false; }

/// Never defined: calling it in a constant expression is the compile error of an unknown id.
std::size_t no_row_of_model_rows_has_this_id();

/// The index of the row of `model_rows` whose id is `id`. An id that is no row's does not compile:
/// the lookup then calls a function that is not constexpr, and the compiler names it.
consteval std::size_t model_row_of(std::string_view id) {
  for (std::size_t i = 0; i < model_rows.size(); ++i)
    if (model_rows[i].id == id) return i;
  return no_row_of_model_rows_has_this_id();
}

/// The tag of row `Row`: `model_tag<Row>`, or the named tag of `seedance::models` that has the row.
template <std::size_t Row>
struct tag_of_row {
  using type = model_tag<Row>;
};
}  // namespace detail

/// The tag type of row `R` of `model_rows`: the named tag where `seedance::models` has one (so that
/// diagnostics and type names read `seedance::models::fast_text_to_video`), else `detail::model_tag<R>`.
template <std::size_t R>
using model_at = typename detail::tag_of_row<R>::type;

/// Named tags of the models of the table, each found by its id (a misspelt id does not compile).
/// A row without a named tag is still a model: `model_at<R>`, `all_models`, `visit_model`.
namespace models {
struct text_to_video : detail::model_tag<detail::model_row_of("seedance-2.0-text-to-video")> {};
struct image_to_video : detail::model_tag<detail::model_row_of("seedance-2.0-image-to-video")> {};
struct reference_to_video : detail::model_tag<detail::model_row_of("seedance-2.0-reference-to-video")> {};
struct fast_text_to_video : detail::model_tag<detail::model_row_of("seedance-2.0-fast-text-to-video")> {};
struct fast_image_to_video : detail::model_tag<detail::model_row_of("seedance-2.0-fast-image-to-video")> {};
struct fast_reference_to_video : detail::model_tag<detail::model_row_of("seedance-2.0-fast-reference-to-video")> {};
struct mini_text_to_video : detail::model_tag<detail::model_row_of("seedance-2.0-mini-text-to-video")> {};
struct mini_image_to_video : detail::model_tag<detail::model_row_of("seedance-2.0-mini-image-to-video")> {};
struct mini_reference_to_video : detail::model_tag<detail::model_row_of("seedance-2.0-mini-reference-to-video")> {};
}  // namespace models

// model_at of a named tag's row is that tag. Two named tags of one row would specialize twice: an error.
template <>
struct detail::tag_of_row<models::text_to_video::row> {
  using type = models::text_to_video;
};
template <>
struct detail::tag_of_row<models::image_to_video::row> {
  using type = models::image_to_video;
};
template <>
struct detail::tag_of_row<models::reference_to_video::row> {
  using type = models::reference_to_video;
};
template <>
struct detail::tag_of_row<models::fast_text_to_video::row> {
  using type = models::fast_text_to_video;
};
template <>
struct detail::tag_of_row<models::fast_image_to_video::row> {
  using type = models::fast_image_to_video;
};
template <>
struct detail::tag_of_row<models::fast_reference_to_video::row> {
  using type = models::fast_reference_to_video;
};
template <>
struct detail::tag_of_row<models::mini_text_to_video::row> {
  using type = models::mini_text_to_video;
};
template <>
struct detail::tag_of_row<models::mini_image_to_video::row> {
  using type = models::mini_image_to_video;
};
template <>
struct detail::tag_of_row<models::mini_reference_to_video::row> {
  using type = models::mini_reference_to_video;
};

/// A model tag: a class derived from `detail::model_tag<R>` for a row `R` of `model_rows`, such as
/// the named tags of `seedance::models` and `model_at<R>`.
template <class M>
concept model_type = std::is_class_v<M> && detail::derives_from_model_tag(static_cast<const M*>(nullptr));

/// Compile-time capabilities of model `M`, read from its row of `model_catalog` (spec.hpp).
template <model_type M>
struct model_traits {
  /// The model's index in `model_rows` and `model_catalog`.
  static constexpr std::size_t row = M::row;
  /// The model's full row of the capability table (the same object `find_model(id)` returns).
  static constexpr const model_info& info = model_catalog[M::row];

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

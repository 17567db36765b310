// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// The request body as plain fields (request_body), and the typed request<M> whose type carries the
// model, the number of media items and the on/off values set by static forms (web_search<true>()),
// so that requests a model cannot take do not compile.
// Every compile-time rule here reads model_traits<M> (models.hpp), which reads spec.hpp.
#ifndef SEEDANCE_REQUEST_HPP
#define SEEDANCE_REQUEST_HPP

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "models.hpp"
#include "spec.hpp"

namespace seedance {

/// The body of `POST /v1/videos/generations` as plain fields: what the API receives, for any model.
/// An empty optional is a field that is absent from the JSON (the API then uses `seedance::defaults`).
/// Nothing here is checked; the typed `request<M>` and the runtime validator are the checkers.
struct request_body {
  std::string model;
  std::string prompt;
  std::optional<std::vector<std::string>> image_urls;
  std::optional<std::vector<std::string>> video_urls;
  std::optional<std::vector<std::string>> audio_urls;
  std::optional<int> duration;
  std::optional<seedance::quality> quality;
  std::optional<seedance::aspect_ratio> aspect_ratio;
  std::optional<bool> generate_audio;
  std::optional<bool> content_filter;
  std::optional<bool> web_search;  // model_params.web_search
  std::optional<std::string> callback_url;

  /// The URL array of media kind `k`.
  [[nodiscard]] std::optional<std::vector<std::string>>& urls(media_kind k) noexcept {
    return k == media_kind::image ? image_urls : k == media_kind::video ? video_urls : audio_urls;
  }
  [[nodiscard]] const std::optional<std::vector<std::string>>& urls(media_kind k) const noexcept {
    return k == media_kind::image ? image_urls : k == media_kind::video ? video_urls : audio_urls;
  }
  /// Number of URLs of kind `k` (0 when the array is absent).
  [[nodiscard]] std::size_t count(media_kind k) const noexcept {
    const auto& u = urls(k);
    return u ? u->size() : 0;
  }
  /// The output size this body asks for, with the API's defaults for absent fields; `std::nullopt`
  /// when the aspect ratio is `adaptive` (chosen by the provider).
  [[nodiscard]] std::optional<resolution> expected_resolution() const noexcept {
    return output_resolution(quality.value_or(defaults::quality), aspect_ratio.value_or(defaults::aspect_ratio));
  }

  friend bool operator==(const request_body&, const request_body&) = default;
};

/// The media count of a typed request whose list was given at run time (`images(std::vector)`):
/// the count is then checked by the runtime validator instead of the compiler.
inline constexpr std::size_t dynamic_count = std::numeric_limits<std::size_t>::max();

/// What the type of a request knows about an on/off field: `unknown` (not set, or set at run time),
/// or the value that a static form (`web_search<true>()`, `content_filter<false>()`) set.
enum class known_flag : unsigned char { unknown, off, on };

/// The on/off values that a request's type carries, for the rule that combines them
/// (web_search_without_content_filter). The default, `known_flags<>`, knows nothing: it is the
/// state of `request<M>` and of every request built with run-time setters only.
template <known_flag WebSearch = known_flag::unknown, known_flag ContentFilter = known_flag::unknown>
struct known_flags {
  static constexpr known_flag web_search = WebSearch;
  static constexpr known_flag content_filter = ContentFilter;
};

template <model_type M, std::size_t Images = 0, std::size_t Videos = 0, std::size_t Audios = 0, class Known = known_flags<>>
class request;

namespace detail {
/// Lets `typed()` adopt a whole body as a request (the constructor from a body is private).
struct request_access {
  template <class Request>
  static Request adopt(request_body b) {
    return Request(std::move(b));
  }
};

/// Holds the body of every typed request. A request whose type knows an on/off value derives from
/// the request with the same counts that knows none (not from this directly), so that functions
/// written for `request<M, I, V, A>` (validate, estimate_cost, to_json, users' own) take it too.
class request_storage {
  template <model_type, std::size_t, std::size_t, std::size_t, class>
  friend class seedance::request;

  explicit request_storage(request_body b) noexcept : body_(std::move(b)) {}

  request_body body_;

  friend bool operator==(const request_storage&, const request_storage&) = default;
};

/// The direct base of `request<M, I, V, A, Known>`.
template <model_type M, std::size_t I, std::size_t V, std::size_t A, class Known>
using request_base = std::conditional_t<std::is_same_v<Known, known_flags<>>, request_storage, request<M, I, V, A>>;
}  // namespace detail

/// A request for model `M`. `Images`, `Videos` and `Audios` count the media added so far (or are
/// `dynamic_count`); each `image()`, `video()` and `audio()` returns a request with one more.
/// `Known` records the values that the static forms `web_search<B>()` and `content_filter<B>()`
/// set (`known_flags<>`, the default: none); a run-time setter of the same field returns a request
/// that no longer knows it. A request that knows a value derives from `request<M, Images, Videos,
/// Audios>`, so that functions written for four parameters take it. What the type knows describes
/// what its static forms set: a change made through a reference to that base
/// (`request<M>& b = r; b.content_filter(false);`) bypasses it; the runtime validator still checks
/// the body.
///
///     auto r = seedance::request<seedance::models::image_to_video>{"petals fall"}
///                  .image("https://example.com/first.jpg")
///                  .duration<8>()
///                  .quality<seedance::quality::p1080>();
///     nlohmann::json body = r;  // with <seedance/json.hpp>
///
/// Rules that the type can decide are compile errors (docs/api.md lists each message); values set
/// at run time (`duration(int)`, `quality(quality)`, `images(vector)`, `web_search(bool)`,
/// `content_filter(bool)`) are left to the validator.
///
/// Setters return `request&` on an lvalue and a `request` (moved from `*this`) on an rvalue, so
/// that `const auto& r = request<M>{"x"}.duration<5>();` binds to a temporary that lives as long
/// as `r` instead of dangling. Setters that change the type (media, the static forms of
/// `web_search` and `content_filter`, and their run-time forms on a request that knows the field)
/// return a new request instead, copied from an lvalue and moved from an rvalue.
template <model_type M, std::size_t Images, std::size_t Videos, std::size_t Audios, class Known>
class request : public detail::request_base<M, Images, Videos, Audios, Known> {
  using base = detail::request_base<M, Images, Videos, Audios, Known>;

 public:
  using model = M;
  using traits = model_traits<M>;
  using known = Known;
  static constexpr std::size_t image_count = Images;
  static constexpr std::size_t video_count = Videos;
  static constexpr std::size_t audio_count = Audios;

  /// A request for model `M` with the given prompt and nothing else set. Only the request that
  /// knows no on/off value has it: the others come from the static forms, which set what they know.
  explicit request(std::string prompt)
    requires std::is_same_v<Known, known_flags<>>
      : request(new_body(std::move(prompt))) {}

  // --- quality -------------------------------------------------------------------------------
  /// Sets the quality, checked against the model's tier at compile time.
  template <seedance::quality Q>
  request& quality() & {
    static_assert(traits::supports(Q),
                  "quality_unsupported: this model's tier does not offer that quality; see "
                  "model_traits<M>::supports(q) and tier_table in seedance/spec.hpp");
    this->body_.quality = Q;
    return *this;
  }
  template <seedance::quality Q>
  request quality() && {
    quality<Q>();
    return std::move(*this);
  }
  /// Sets the quality from a run-time value (checked by the validator, rule quality_unsupported).
  request& quality(seedance::quality q) & {
    this->body_.quality = q;
    return *this;
  }
  request quality(seedance::quality q) && {
    quality(q);
    return std::move(*this);
  }

  // --- duration ------------------------------------------------------------------------------
  /// Sets the output duration in whole seconds, checked at compile time.
  template <int N>
  request& duration() & {
    static_assert(N >= limits::duration.min && N <= limits::duration.max,
                  "duration_out_of_range: duration<N>() needs N within seedance::limits::duration (whole seconds)");
    this->body_.duration = N;
    return *this;
  }
  template <int N>
  request duration() && {
    duration<N>();
    return std::move(*this);
  }
  /// Sets the duration from a run-time value (checked by the validator, rule duration_out_of_range).
  request& duration(int seconds) & {
    this->body_.duration = seconds;
    return *this;
  }
  request duration(int seconds) && {
    duration(seconds);
    return std::move(*this);
  }

  // --- options valid on every model ----------------------------------------------------------
  request& aspect_ratio(seedance::aspect_ratio a) & {
    this->body_.aspect_ratio = a;
    return *this;
  }
  request aspect_ratio(seedance::aspect_ratio a) && {
    aspect_ratio(a);
    return std::move(*this);
  }

  request& generate_audio(bool on) & {
    this->body_.generate_audio = on;
    return *this;
  }
  request generate_audio(bool on) && {
    generate_audio(on);
    return std::move(*this);
  }

  request& callback_url(std::string url) & {
    this->body_.callback_url = std::move(url);
    return *this;
  }
  request callback_url(std::string url) && {
    callback_url(std::move(url));
    return std::move(*this);
  }

  // --- web search (only on models that have it) and the content filter -----------------------
  // The API refuses web_search true with content_filter false (rule web_search_without_content_filter).
  // The static forms record their value in the type (`Known`), so that the compiler refuses that
  // pair when both were set statically, in either order. A run-time setter returns a request that
  // no longer knows its field (the plain `request<M, I, V, A>` when neither is known): when either
  // value comes from run time, the pair is the runtime validator's to judge.
  // `web_search` exists only for models with web search (supports_web_search), so that
  // `requires { r.web_search(true); }` is false elsewhere; the compiler's message names the concept
  // (docs/api.md).

  /// Sets `model_params.web_search` to `On` and records it in the type. Returns a new request
  /// (copied from an lvalue, moved from an rvalue), like `image()`.
  template <bool On>
  [[nodiscard]] auto web_search() const&
    requires supports_web_search<M>
  {
    return set_web_search < On ? known_flag::on : known_flag::off > (this->body_, On);
  }
  template <bool On>
      [[nodiscard]] auto web_search() &&
        requires supports_web_search<M>
  {
    return set_web_search < On ? known_flag::on : known_flag::off > (std::move(this->body_), On);
  }
  /// Sets `model_params.web_search` from a run-time value. On a request whose type knows no web
  /// search value it returns `request&` (or the moved request) as every setter does; on one that
  /// knows it (after `web_search<B>()`) it returns a new request that no longer does.
  request& web_search(bool on) &
        requires supports_web_search<M> && (Known::web_search == known_flag::unknown)
  {
    this->body_.web_search = on;
    return *this;
  }
  request web_search(bool on) &&
        requires supports_web_search<M> && (Known::web_search == known_flag::unknown)
  {
    web_search(on);
    return std::move(*this);
  }
  [[nodiscard]] auto web_search(bool on) const&
    requires supports_web_search<M> && (Known::web_search != known_flag::unknown)
  {
    return set_web_search<known_flag::unknown>(this->body_, on);
  }
  [[nodiscard]] auto web_search(bool on) &&
        requires supports_web_search<M> && (Known::web_search != known_flag::unknown)
  {
    return set_web_search<known_flag::unknown>(std::move(this->body_), on);
  }

  /// Sets `content_filter` to `On` and records it in the type. Returns a new request (copied from
  /// an lvalue, moved from an rvalue), like `image()`.
  template <bool On>
  [[nodiscard]] auto content_filter() const& {
    return set_content_filter < On ? known_flag::on : known_flag::off > (this->body_, On);
  }
  template <bool On>
  [[nodiscard]] auto content_filter() && {
    return set_content_filter < On ? known_flag::on : known_flag::off > (std::move(this->body_), On);
  }
  /// Sets `content_filter` from a run-time value; the return type follows `web_search(bool)`.
  request& content_filter(bool on) &
          requires(Known::content_filter == known_flag::unknown) {
            this->body_.content_filter = on;
            return *this;
          } request content_filter(bool on) &&
      requires(Known::content_filter == known_flag::unknown) {
        content_filter(on);
        return std::move(*this);
      } [[nodiscard]] auto content_filter(bool on) const&
        requires(Known::content_filter != known_flag::unknown)
  {
    return set_content_filter<known_flag::unknown>(this->body_, on);
  }
  [[nodiscard]] auto content_filter(bool on) &&
      requires(Known::content_filter != known_flag::unknown) { return set_content_filter<known_flag::unknown>(std::move(this->body_), on); }

  // --- media: each call adds one item, and the count is part of the type ---------------------
  /// Adds one image URL (image-to-video: the first call is the first frame, the second the last).
      [[nodiscard]] auto image(std::string url) const& {
    return add<media_kind::image>(this->body_, std::move(url));
  }
  [[nodiscard]] auto image(std::string url) && { return add<media_kind::image>(std::move(this->body_), std::move(url)); }
  /// Adds one reference video URL.
  [[nodiscard]] auto video(std::string url) const& { return add<media_kind::video>(this->body_, std::move(url)); }
  [[nodiscard]] auto video(std::string url) && { return add<media_kind::video>(std::move(this->body_), std::move(url)); }
  /// Adds one reference audio URL.
  [[nodiscard]] auto audio(std::string url) const& { return add<media_kind::audio>(this->body_, std::move(url)); }
  [[nodiscard]] auto audio(std::string url) && { return add<media_kind::audio>(std::move(this->body_), std::move(url)); }

  /// Image-to-video: the first frame (the first image). Must come first.
  [[nodiscard]] auto first_frame(std::string url) const& {
    check_frame<0>();
    return image(std::move(url));
  }
  [[nodiscard]] auto first_frame(std::string url) && {
    check_frame<0>();
    return std::move(*this).image(std::move(url));
  }
  /// Image-to-video: the last frame (the second image). Must follow `first_frame`.
  [[nodiscard]] auto last_frame(std::string url) const& {
    check_frame<1>();
    return image(std::move(url));
  }
  [[nodiscard]] auto last_frame(std::string url) && {
    check_frame<1>();
    return std::move(*this).image(std::move(url));
  }

  /// Appends image URLs whose number is known only at run time; the count is then checked by the
  /// validator (rules too_few_media, too_many_media, audio_needs_visual) instead of the compiler.
  [[nodiscard]] auto images(std::vector<std::string> urls) const& { return add_all<media_kind::image>(this->body_, std::move(urls)); }
  [[nodiscard]] auto images(std::vector<std::string> urls) && {
    return add_all<media_kind::image>(std::move(this->body_), std::move(urls));
  }
  [[nodiscard]] auto videos(std::vector<std::string> urls) const& { return add_all<media_kind::video>(this->body_, std::move(urls)); }
  [[nodiscard]] auto videos(std::vector<std::string> urls) && {
    return add_all<media_kind::video>(std::move(this->body_), std::move(urls));
  }
  [[nodiscard]] auto audios(std::vector<std::string> urls) const& { return add_all<media_kind::audio>(this->body_, std::move(urls)); }
  [[nodiscard]] auto audios(std::vector<std::string> urls) && {
    return add_all<media_kind::audio>(std::move(this->body_), std::move(urls));
  }

  // --- the result ----------------------------------------------------------------------------
  /// The request's fields, as the API will receive them.
  [[nodiscard]] const request_body& body() const& noexcept { return this->body_; }
  [[nodiscard]] request_body body() && noexcept { return std::move(this->body_); }

  /// Checks, at compile time, the rules that decide whether this request may be sent at all: no
  /// fewer images than the model needs (model_traits<M>::min_images), and no audio without an image
  /// or a video where the model requires one (model_traits<M>::audio_needs_visual). Counts given at
  /// run time (`dynamic_count`) are left to the validator. Called by `to_json`; call it yourself
  /// before using `body()` for another serializer.
  static constexpr void assert_complete() noexcept {
    // Each check is a plain comparison behind `if constexpr`, so that the compiler's note shows
    // the numbers (g++: "the comparison reduces to '(0 >= 1)'").
    if constexpr (Images != dynamic_count) {
      static_assert(Images >= traits::min_images,
                    "too_few_media: fewer images than this model needs (model_traits<M>::min_images); "
                    "call .image(url) (or .first_frame(url)) before serializing");
    }
    if constexpr (traits::audio_needs_visual && Audios != dynamic_count && Images == 0 && Videos == 0) {
      static_assert(Audios == 0,
                    "audio_needs_visual: this model takes audio only together with at least one image or "
                    "video; add .image(url) or .video(url)");
    }
  }

  friend bool operator==(const request&, const request&) = default;

 private:
  template <model_type, std::size_t, std::size_t, std::size_t, class>
  friend class request;
  friend struct detail::request_access;

  explicit request(request_body b) noexcept : base(std::move(b)) {}

  static request_body new_body(std::string prompt) {
    request_body b;
    b.model = std::string(traits::id);
    b.prompt = std::move(prompt);
    return b;
  }

  static constexpr std::size_t count_of(media_kind k) noexcept {
    return k == media_kind::image ? Images : k == media_kind::video ? Videos : Audios;
  }
  static constexpr std::size_t plus(std::size_t n, std::size_t more) noexcept { return n == dynamic_count ? dynamic_count : n + more; }
  template <media_kind K, std::size_t N>
  using with_count =
      request<M, K == media_kind::image ? N : Images, K == media_kind::video ? N : Videos, K == media_kind::audio ? N : Audios, Known>;

  /// The one check of the pair, a plain comparison behind `if constexpr` (the compiler's note
  /// shows the values). Called by both static forms with the state they would produce, so that
  /// either order of the calls is refused.
  template <known_flag WebSearch, known_flag ContentFilter>
  static constexpr void check_known() noexcept {
    if constexpr (WebSearch == known_flag::on) {
      static_assert(ContentFilter != known_flag::off,
                    "web_search_without_content_filter: the API refuses web search with the content filter "
                    "off (HTTP 400); drop .content_filter<false>() (the filter is on by default) or "
                    ".web_search<true>()");
    }
  }
  template <known_flag WebSearch, class Body>
  static auto set_web_search(Body&& b, bool on) {
    check_known<WebSearch, Known::content_filter>();
    request<M, Images, Videos, Audios, known_flags<WebSearch, Known::content_filter>> out{request_body(std::forward<Body>(b))};
    out.body_.web_search = on;
    return out;
  }
  template <known_flag ContentFilter, class Body>
  static auto set_content_filter(Body&& b, bool on) {
    check_known<Known::web_search, ContentFilter>();
    request<M, Images, Videos, Audios, known_flags<Known::web_search, ContentFilter>> out{request_body(std::forward<Body>(b))};
    out.body_.content_filter = on;
    return out;
  }

  // The messages say what the model's traits say, never what the table holds today: the numbers
  // come from the compiler's note on the comparison.
  template <media_kind K>
  static constexpr void check_kind_taken() noexcept {
    if constexpr (K == media_kind::image) {
      static_assert(traits::max_images > 0, "media_unsupported: this model takes no images (image_urls); model_traits<M>::max_images is 0");
    } else if constexpr (K == media_kind::video) {
      static_assert(traits::max_videos > 0, "media_unsupported: this model takes no videos (video_urls); model_traits<M>::max_videos is 0");
    } else {
      static_assert(traits::max_audios > 0, "media_unsupported: this model takes no audio (audio_urls); model_traits<M>::max_audios is 0");
    }
  }

  /// One static_assert per kind, each a plain comparison of the count after the call with the
  /// model's maximum: the message names the kind and the compiler's note the numbers.
  template <media_kind K>
  static constexpr void check_room() noexcept {
    if constexpr (K == media_kind::image && traits::max_images > 0 && Images != dynamic_count) {
      static_assert(Images + 1 <= traits::max_images, "too_many_media: one image more than this model takes (model_traits<M>::max_images)");
    } else if constexpr (K == media_kind::video && traits::max_videos > 0 && Videos != dynamic_count) {
      static_assert(Videos + 1 <= traits::max_videos, "too_many_media: one video more than this model takes (model_traits<M>::max_videos)");
    } else if constexpr (K == media_kind::audio && traits::max_audios > 0 && Audios != dynamic_count) {
      static_assert(Audios + 1 <= traits::max_audios, "too_many_media: one audio more than this model takes (model_traits<M>::max_audios)");
    }
  }

  template <media_kind K, class Body>
  static auto add(Body&& b, std::string url) {
    check_kind_taken<K>();
    check_room<K>();
    with_count<K, plus(count_of(K), 1)> out{request_body(std::forward<Body>(b))};
    auto& list = out.body_.urls(K);
    if (!list) list.emplace();
    list->push_back(std::move(url));
    return out;
  }

  template <media_kind K, class Body>
  static auto add_all(Body&& b, std::vector<std::string> urls) {
    check_kind_taken<K>();
    with_count<K, dynamic_count> out{request_body(std::forward<Body>(b))};
    auto& list = out.body_.urls(K);
    if (!list) list.emplace();
    list->insert(list->end(), std::make_move_iterator(urls.begin()), std::make_move_iterator(urls.end()));
    return out;
  }

  template <std::size_t Position>
  static constexpr void check_frame() noexcept {
    static_assert(traits::mode == mode::image_to_video,
                  "first_frame/last_frame are for image-to-video models; use .image(url) for reference images");
    if constexpr (traits::mode == mode::image_to_video) {
      static_assert(Images == Position, "first_frame must be the first image and last_frame the second: call first_frame, then last_frame");
    }
  }
};

/// The typed request of model `M` whose media lists are all sized at run time: what a body read
/// from JSON becomes. Media kinds the model does not take stay at 0, so they remain compile errors.
template <model_type M>
using dynamic_request = request<M, model_traits<M>::max_images ? dynamic_count : 0, model_traits<M>::max_videos ? dynamic_count : 0,
                                model_traits<M>::max_audios ? dynamic_count : 0>;

/// The body `b` as a typed request of model `M`, or `std::nullopt` when `b` names another model or
/// holds what `M`'s type cannot: media of a kind `M` does not take, or web_search on a model
/// without it. Everything else (counts, quality, duration) is left to the runtime validator.
/// The body is kept whole: `typed<M>(b)->body() == b`, including an empty array of a kind `M` does
/// not take (which the validator reports as field_ignored), so a JSON round trip is exact.
template <model_type M>
[[nodiscard]] std::optional<dynamic_request<M>> typed(request_body b) {
  using traits = model_traits<M>;
  if (b.model != traits::id) return std::nullopt;
  for (media_kind k : {media_kind::image, media_kind::video, media_kind::audio}) {
    if (traits::max_media(k) == 0 && b.count(k) != 0) return std::nullopt;
  }
  if (!traits::web_search && b.web_search) return std::nullopt;
  return detail::request_access::adopt<dynamic_request<M>>(std::move(b));
}

}  // namespace seedance

#endif  // SEEDANCE_REQUEST_HPP

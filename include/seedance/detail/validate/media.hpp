// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/validate.hpp> (include that, not this header): the media rules from media properties (the validator's members), data: URI images included.
#ifndef SEEDANCE_VALIDATE_HPP
#error "include <seedance/validate.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_VALIDATE_MEDIA_HPP
#define SEEDANCE_DETAIL_VALIDATE_MEDIA_HPP

namespace seedance::detail::validate {

inline void validator::note_properties(media_kind k, std::size_t index, const std::string& url,
                                       const std::optional<image_properties>& data) {
  if (!media_.empty()) {
    if (auto it = media_.find(url); it != media_.end()) return check_properties(k, index, it->second);
  }
  if (data) return check_properties(k, index, media_properties(*data));
  ++unknown_[static_cast<std::size_t>(k)];
}

inline void validator::check_properties(media_kind k, std::size_t index, const media_properties& p) {
  const auto ki = static_cast<std::size_t>(k);
  const item it{k, index};
  if (p.index() != ki) {
    // The file is another kind of media than the array says: its format is the problem.
    const std::optional<media_format> f = std::visit([](const auto& x) { return x.format; }, p);
    if (f) format_error(it, *f);
    return;
  }
  std::optional<double> duration;
  if (const auto* img = std::get_if<image_properties>(&p)) {
    check_image(it, *img);
    if (index < frames_.size()) frames_[index] = *img;
    return;
  }
  if (const auto* vid = std::get_if<video_properties>(&p)) check_video(it, *vid), duration = vid->duration;
  if (const auto* aud = std::get_if<audio_properties>(&p)) check_audio(it, *aud), duration = aud->duration;
  if (duration) known_total_[ki] += *duration, any_duration_[ki] = true;
  else ++unknown_[ki];
}

inline void validator::check_media_totals() {
  for (media_kind k : kinds) {
    const auto ki = static_cast<std::size_t>(k);
    if (!count_known_[ki] || !any_duration_[ki]) continue;
    const double total = known_total_[ki];
    const std::size_t unknown = unknown_[ki];  // URL items whose duration is not known
    const media_rules& r = rules_for(k);
    if (r.total_duration_s <= 0) continue;
    const code c = k == media_kind::video ? code::video_total_duration : code::audio_total_duration;
    const double limit = static_cast<double>(r.total_duration_s) + validation_bounds::total_duration_tolerance_s;
    const std::string kind(to_string(k));
    if (total > limit) {
      add(c, pointer(urls_field(k)),
          "the " + kind + "s last " + number_apart(total, {static_cast<double>(r.total_duration_s)}) + " s together, over the " +
              std::to_string(r.total_duration_s) + " s limit");
    } else if (const double at_least = total + static_cast<double>(unknown) * static_cast<double>(r.duration_s.min); at_least > limit) {
      // Each item lasts at least the minimum, or is itself an error: deduced, not measured.
      add(c, pointer(urls_field(k)),
          "the " + kind + "s of known duration last " + number(total) + " s together, and each of the " + std::to_string(unknown) +
              " other " + kind + (unknown == 1 ? "" : "s") + " lasts at least " + std::to_string(r.duration_s.min) +
              " s (the minimum of each), so together they last at least " +
              number_apart(at_least, {static_cast<double>(r.total_duration_s)}) + " s, over the " + std::to_string(r.total_duration_s) +
              " s limit (deduced from the minimum)");
    }
  }
  check_last_frame();
  check_first_frame();
}

inline void validator::format_error(const item& it, media_format f) {
  const media_kind k = it.kind;
  const code c = k == media_kind::image ? code::image_format : k == media_kind::video ? code::video_format : code::audio_format;
  add_item(it, c, [k, f] {
    // `other` is no format's name: say what it means
    const std::string what = f == media_format::other ? "in another format" : std::string(to_string(f));
    return "the " + std::string(to_string(k)) + " is " + what + "; " + std::string(urls_field(k)) + " accept " + formats_of(rules_for(k));
  });
}

inline void validator::check_size(const item& it, std::optional<std::uint32_t> w, std::optional<std::uint32_t> h, visual_codes c) {
  const media_kind k = it.kind;
  const media_rules& r = rules_for(k);
  const auto side_ok = [&](std::uint32_t v) { return r.side_px.contains(v); };
  if ((w && !side_ok(*w)) || (h && !side_ok(*h))) {
    add_item(it, c.dimensions, [k, w, h] {
      const media_rules& r = rules_for(k);
      return "the " + std::string(to_string(k)) + " is " + (w ? std::to_string(*w) : std::string("?")) + "x" +
             (h ? std::to_string(*h) : std::string("?")) + " px; width and height must each be within " + range_text(r.side_px) + " px";
    });
  }
  if (w && h && *h > 0 && !r.aspect.contains(*w, *h)) {
    add_item(it, c.aspect, [k, w, h] {
      const media_rules& r = rules_for(k);
      const double lo = static_cast<double>(r.aspect.min.num) / static_cast<double>(r.aspect.min.den);
      const double hi = static_cast<double>(r.aspect.max.num) / static_cast<double>(r.aspect.max.den);
      return "the " + std::string(to_string(k)) + "'s aspect ratio " + std::to_string(*w) + "/" + std::to_string(*h) + " = " +
             number_apart(static_cast<double>(*w) / *h, {lo, hi}) + " is outside " + number(lo) + ".." + number(hi);
    });
  }
}

inline void validator::check_bytes(const item& it, std::optional<std::uint64_t> bytes, code c) {
  const media_rules& r = rules_for(it.kind);
  if (bytes && *bytes > r.max_bytes) {
    add_item(it, c, [kind = it.kind, bytes = *bytes] {
      return "the " + std::string(to_string(kind)) + " file is " + std::to_string(bytes) + " bytes (" + mebibytes(bytes) + "), over the " +
             mebibytes(rules_for(kind).max_bytes) + " limit";
    });
  }
}

inline void validator::check_duration_of(const item& it, std::optional<double> d, code c) {
  const media_rules& r = rules_for(it.kind);
  if (d && !(*d >= static_cast<double>(r.duration_s.min) && *d <= static_cast<double>(r.duration_s.max))) {
    add_item(it, c, [kind = it.kind, d = *d] {
      const media_rules& r = rules_for(kind);
      return "the " + std::string(to_string(kind)) + " lasts " +
             number_apart(d, {static_cast<double>(r.duration_s.min), static_cast<double>(r.duration_s.max)}) + " s; each must last " +
             range_text(r.duration_s) + " s";
    });
  }
}

inline void validator::check_image(const item& it, const image_properties& p) {
  if (p.format && !rules_for(media_kind::image).accepts(*p.format)) format_error(it, *p.format);
  check_size(it, p.width, p.height, {code::image_dimensions, code::image_aspect_ratio});
  check_bytes(it, p.bytes, code::image_too_large);
}

inline void validator::check_video(const item& it, const video_properties& p) {
  const media_rules& r = rules_for(media_kind::video);
  if (p.format && !r.accepts(*p.format)) format_error(it, *p.format);
  check_size(it, p.width, p.height, {code::video_dimensions, code::video_aspect_ratio});
  if (p.width && p.height) {
    const auto pixels = static_cast<long long>(*p.width) * static_cast<long long>(*p.height);
    if (!r.pixels.contains(pixels)) {
      add_item(it, code::video_pixel_count, [pixels, p = p] {
        const media_rules& r = rules_for(media_kind::video);
        return "the video has " + std::to_string(pixels) + " pixels (" + std::to_string(*p.width) + "x" + std::to_string(*p.height) +
               "); width x height must be within " + range_text(r.pixels);
      });
    }
  }
  if (p.fps && !(*p.fps >= static_cast<double>(r.fps.min) && *p.fps <= static_cast<double>(r.fps.max))) {
    add_item(it, code::video_fps, [p = p] {
      const media_rules& r = rules_for(media_kind::video);
      return "the video runs at " + number_apart(*p.fps, {static_cast<double>(r.fps.min), static_cast<double>(r.fps.max)}) +
             " fps; it must be within " + range_text(r.fps) + " fps";
    });
  }
  check_duration_of(it, p.duration, code::video_duration);
  check_bytes(it, p.bytes, code::video_too_large);
}

inline void validator::check_audio(const item& it, const audio_properties& p) {
  if (p.format && !rules_for(media_kind::audio).accepts(*p.format)) format_error(it, *p.format);
  check_duration_of(it, p.duration, code::audio_duration);
  check_bytes(it, p.bytes, code::audio_too_large);
}

inline const image_properties* validator::frame(std::size_t index) const {
  if (!model_ || model_->mode != mode::image_to_video) return nullptr;
  const auto img_i = static_cast<std::size_t>(media_kind::image);
  if (!count_known_[img_i] || count_[img_i] <= index) return nullptr;
  const image_properties* img = index < frames_.size() && frames_[index] ? &*frames_[index] : nullptr;
  return img && img->width && img->height && *img->height > 0 ? img : nullptr;
}

inline void validator::check_first_frame() {
  const image_properties* first = frame(0);
  if (!first) return;
  const nlohmann::json* ar = find(field::aspect_ratio);
  if (!ar || !ar->is_string()) return;  // absent: adaptive, the output follows the first frame
  const std::optional<aspect_ratio> a = parse<aspect_ratio>(ar->get_ref<const std::string&>());
  if (!a || *a == aspect_ratio::adaptive) return;
  std::optional<seedance::quality> q = defaults::quality;
  if (const nlohmann::json* qv = find(field::quality))
    q = qv->is_string() ? parse<seedance::quality>(qv->get_ref<const std::string&>()) : std::nullopt;
  if (!q || !model_->supports(*q)) return;  // an error of its own: no output size to compare with
  const std::optional<resolution> out = output_resolution(*q, *a);
  if (!out) return;
  const auto w = static_cast<std::uint64_t>(*first->width), h = static_cast<std::uint64_t>(*first->height);
  const auto W = static_cast<std::uint64_t>(out->width), H = static_cast<std::uint64_t>(out->height);
  const std::uint64_t wH = w * H, Wh = W * h;  // w/h against W/H, exactly: |wH - Wh| / Wh
  const std::uint64_t diff = wH > Wh ? wH - Wh : Wh - wH;
  if (diff * 100 <= Wh * limits::first_frame_aspect_tolerance_percent) return;
  const double apart = 100.0 * static_cast<double>(diff) / static_cast<double>(Wh);
  add(code::first_frame_aspect_mismatch, pointer(field::image_urls, 0),
      "the first frame is " + std::to_string(w) + "x" + std::to_string(h) + " (" + number(static_cast<double>(w) / static_cast<double>(h)) +
          ") but the output at " + std::string(to_string(*a)) + " " + std::string(to_string(*q)) + " is " + std::to_string(W) + "x" +
          std::to_string(H) + " (" + number(static_cast<double>(W) / static_cast<double>(H)) + "), " +
          number_apart(apart, {static_cast<double>(limits::first_frame_aspect_tolerance_percent)}) + "% apart (over " +
          std::to_string(limits::first_frame_aspect_tolerance_percent) +
          "%): the output is cropped or padded and frames visibly jump; use aspect_ratio adaptive, or a first frame of the output's shape");
}

inline void validator::check_last_frame() {
  const image_properties* first = frame(0);
  const image_properties* last = frame(1);
  if (!first || !last || count_[static_cast<std::size_t>(media_kind::image)] != 2) return;
  if (static_cast<std::uint64_t>(*first->width) * *last->height != static_cast<std::uint64_t>(*last->width) * *first->height) {
    add(code::last_frame_cropped, pointer(field::image_urls, 1),
        "the last frame is " + std::to_string(*last->width) + "x" + std::to_string(*last->height) + " and the first " +
            std::to_string(*first->width) + "x" + std::to_string(*first->height) +
            ": their aspect ratios differ, so the last frame will be cropped to the first's");
  }
}

}  // namespace seedance::detail::validate

#endif  // SEEDANCE_DETAIL_VALIDATE_MEDIA_HPP

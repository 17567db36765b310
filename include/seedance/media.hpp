// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// What is known of a media file: plain structs, filled by the caller or by the probe. Every
// property is optional: a property that is not known is not checked (never guessed).
#ifndef SEEDANCE_MEDIA_HPP
#define SEEDANCE_MEDIA_HPP

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>

#include "spec.hpp"

namespace seedance {

/// An image: format, pixel size (as displayed, EXIF orientation applied: see docs/probe.md), bytes.
struct image_properties {
  std::optional<media_format> format;
  std::optional<std::uint32_t> width;
  std::optional<std::uint32_t> height;
  std::optional<std::uint64_t> bytes;
};

/// A video: container, pixel size, duration in seconds, average frame rate, bytes.
struct video_properties {
  std::optional<media_format> format;
  std::optional<std::uint32_t> width;
  std::optional<std::uint32_t> height;
  std::optional<double> duration;
  std::optional<double> fps;
  std::optional<std::uint64_t> bytes;
};

/// An audio clip: format, duration in seconds, bytes.
struct audio_properties {
  std::optional<media_format> format;
  std::optional<double> duration;
  std::optional<std::uint64_t> bytes;
};

/// The properties of one media file, of whichever kind.
using media_properties = std::variant<image_properties, video_properties, audio_properties>;

/// Media properties by URL, exactly as the URL is written in the request.
using media_map = std::map<std::string, media_properties, std::less<>>;

}  // namespace seedance

#endif  // SEEDANCE_MEDIA_HPP

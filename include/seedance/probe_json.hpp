// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// A probe result as JSON (nlohmann/json), the shape of `seedance probe --format json` (docs/cli.md):
// a header of its own so that <seedance/probe.hpp> stays standard library only. Its text form,
// `to_text(const probe_result&)`, is in probe.hpp.
//
//   nlohmann::json j = seedance::probe_file("clip.mp4");
//   // {"kind": "video", "format": "mp4", "width": 1280, "height": 720, "duration": 5.0, "fps": 23.976, "rotation": 0, "bytes": 1048576}
#ifndef SEEDANCE_PROBE_JSON_HPP
#define SEEDANCE_PROBE_JSON_HPP

#include <nlohmann/json.hpp>

#include <string>

#include "probe.hpp"

namespace seedance {

/// `{"kind": "image"|"video"|"audio", "format", "width", "height", "duration", "fps", "rotation", "bytes"}`
/// with only the fields that apply (no `duration` for images, no `width` for audio, `rotation` for
/// videos only); width and height are the displayed ones, durations in seconds. A failed probe is
/// `{"error": {"code", "message"}}` with the probe's code.
inline void to_json(nlohmann::json& j, const probe_result& p) {
  j = nlohmann::json::object();
  if (const probe_error* e = p.error()) {
    j["error"] = {{"code", to_string(e->code)}, {"message", e->message}};
    return;
  }
  if (const image_probe* i = p.image()) {
    j["kind"] = "image";
    j["format"] = std::string(to_string(i->format));
    j["width"] = i->display_width();
    j["height"] = i->display_height();
  } else if (const video_probe* v = p.video()) {
    j["kind"] = "video";
    j["format"] = std::string(to_string(v->format));
    j["width"] = v->display_width();
    j["height"] = v->display_height();
    j["duration"] = v->duration;
    j["fps"] = v->fps;
    j["rotation"] = v->rotation;  // clockwise degrees from the tkhd matrix: width and height above are after it
  } else if (const audio_probe* a = p.audio()) {
    j["kind"] = "audio";
    j["format"] = std::string(to_string(a->format));
    j["duration"] = a->duration;
  }
  j["bytes"] = p.bytes;
}

}  // namespace seedance

#endif  // SEEDANCE_PROBE_JSON_HPP

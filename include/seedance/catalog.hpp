// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// The model catalogue for people and tools: what `seedance models` prints (docs/cli.md), as an
// aligned text table or as JSON, read from the rows of `model_catalog` (spec.hpp).
//
//   std::cout << seedance::catalog_text();        // MODEL  MODE  TIER  IMAGES ...
//   nlohmann::json j = seedance::catalog_json();  // [{"id": "seedance-2.0-text-to-video", ...}, ...]
//   nlohmann::json one = seedance::model_catalog[0];
#ifndef SEEDANCE_CATALOG_HPP
#define SEEDANCE_CATALOG_HPP

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "spec.hpp"

namespace seedance {

/// `{"id", "mode", "tier", "images": {"min", "max"}, "videos": {...}, "audios": {...},
/// "audio_needs_visual", "qualities": ["480p", ...], "web_search"}`.
inline void to_json(nlohmann::json& j, const model_info& m) {
  nlohmann::json qualities = nlohmann::json::array();
  for (std::size_t i = 0; i < enum_strings<quality>::values.size(); ++i)
    if (m.supports(static_cast<quality>(i))) qualities.push_back(enum_strings<quality>::values[i]);
  const auto range = [](const count_range& r) { return nlohmann::json{{"min", r.min}, {"max", r.max}}; };
  j = {{"id", m.id},
       {"mode", to_string(m.mode)},
       {"tier", to_string(m.tier)},
       {"images", range(m.images)},
       {"videos", range(m.videos)},
       {"audios", range(m.audios)},
       {"audio_needs_visual", m.audio_needs_visual},
       {"qualities", std::move(qualities)},
       {"web_search", m.web_search}};
}

/// Every model of `model_catalog`, in its order, as above.
[[nodiscard]] inline nlohmann::json catalog_json() {
  nlohmann::json out = nlohmann::json::array();
  for (const model_info& m : model_catalog) out.push_back(m);
  return out;
}

/// The catalogue as a table with aligned columns (two spaces between them, none after the last):
/// a header line `MODEL  MODE  TIER  IMAGES  VIDEOS  AUDIOS  QUALITIES  WEB SEARCH`, then a line per
/// model: counts as `N` or `MIN-MAX` (`-` when none is allowed), qualities separated by spaces, web
/// search `yes` or `no`.
[[nodiscard]] inline std::string catalog_text() {
  const auto count = [](const count_range& r) {
    if (!r.allowed()) return std::string("-");
    return r.min == r.max ? std::to_string(r.min) : std::to_string(r.min) + "-" + std::to_string(r.max);
  };
  const auto qualities = [](const model_info& m) {
    std::string s;
    for (std::size_t i = 0; i < enum_strings<quality>::values.size(); ++i) {
      const auto q = static_cast<quality>(i);
      if (!m.supports(q)) continue;
      if (!s.empty()) s += ' ';
      s += to_string(q);
    }
    return s;
  };
  std::vector<std::vector<std::string>> rows{{"MODEL", "MODE", "TIER", "IMAGES", "VIDEOS", "AUDIOS", "QUALITIES", "WEB SEARCH"}};
  for (const model_info& m : model_catalog)
    rows.push_back({std::string(m.id), std::string(to_string(m.mode)), std::string(to_string(m.tier)), count(m.images), count(m.videos),
                    count(m.audios), qualities(m), m.web_search ? "yes" : "no"});
  std::vector<std::size_t> width(rows[0].size(), 0);
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
  std::string out;
  for (const auto& r : rows) {
    for (std::size_t i = 0; i < r.size(); ++i) {
      out += r[i];
      if (i + 1 < r.size()) out += std::string(width[i] - r[i].size() + 2, ' ');
    }
    out += '\n';
  }
  return out;
}

}  // namespace seedance

#endif  // SEEDANCE_CATALOG_HPP

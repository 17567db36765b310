// seedance (the command-line tool): `seedance models`.
#include <seedance/spec.hpp>

#include <algorithm>
#include <iostream>

#include "commands.hpp"
#include "common.hpp"

namespace seedance_tool {

namespace {

std::string qualities(const seedance::model_info& m) {
  std::string s;
  for (std::size_t i = 0; i < seedance::enum_strings<seedance::quality>::values.size(); ++i) {
    const auto q = static_cast<seedance::quality>(i);
    if (!m.supports(q)) continue;
    if (!s.empty()) s += " ";
    s += seedance::to_string(q);
  }
  return s;
}

std::string count_text(const seedance::count_range& r) {
  if (!r.allowed()) return "-";
  return r.min == r.max ? std::to_string(r.min) : std::to_string(r.min) + "-" + std::to_string(r.max);
}

}  // namespace

int run_models(const std::string& format) {
  if (format == "json") {
    json out = json::array();
    for (const seedance::model_info& m : seedance::model_catalog) {
      json q = json::array();
      for (std::size_t i = 0; i < seedance::enum_strings<seedance::quality>::values.size(); ++i)
        if (m.supports(static_cast<seedance::quality>(i))) q.push_back(seedance::enum_strings<seedance::quality>::values[i]);
      const auto range = [](const seedance::count_range& r) { return json{{"min", r.min}, {"max", r.max}}; };
      out.push_back({{"id", m.id},
                     {"mode", seedance::to_string(m.mode)},
                     {"tier", seedance::to_string(m.tier)},
                     {"images", range(m.images)},
                     {"videos", range(m.videos)},
                     {"audios", range(m.audios)},
                     {"audio_needs_visual", m.audio_needs_visual},
                     {"qualities", q},
                     {"web_search", m.web_search}});
    }
    print_json(out);
    return exit_ok;
  }
  const std::vector<std::string> head{"MODEL", "MODE", "TIER", "IMAGES", "VIDEOS", "AUDIOS", "QUALITIES", "WEB SEARCH"};
  std::vector<std::vector<std::string>> rows{head};
  for (const seedance::model_info& m : seedance::model_catalog)
    rows.push_back({std::string(m.id), std::string(seedance::to_string(m.mode)), std::string(seedance::to_string(m.tier)),
                    count_text(m.images), count_text(m.videos), count_text(m.audios), qualities(m), m.web_search ? "yes" : "no"});
  std::vector<std::size_t> width(head.size(), 0);
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line += std::string(width[i] - r[i].size() + 2, ' ');
    }
    std::cout << line << "\n";
  }
  return exit_ok;
}

}  // namespace seedance_tool

// seedance (the command-line tool): --media and --media-dir, the local files that stand for a
// request's media URLs; they are probed and their properties given to the validator (docs/cli.md).
#ifndef SEEDANCE_TOOL_MEDIA_MAPPING_HPP
#define SEEDANCE_TOOL_MEDIA_MAPPING_HPP

#include <seedance/media.hpp>
#include <seedance/report.hpp>

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace seedance_tool {

/// The tool's own code for a mapped media file that the probe could not read (docs/cli.md): the
/// library's codes say what is wrong with a request, this one that its media could not be checked.
constexpr std::string_view media_probe_failed = "media_probe_failed";

/// --media and --media-dir, as given on the command line.
struct media_options {
  std::vector<std::string> mappings;  // URL=PATH
  std::string dir;
};

/// The media mapping of a run.
struct media_mapping {
  std::map<std::string, std::string, std::less<>> paths;  // --media URL -> PATH (the last one given wins)
  std::string dir;                                        // --media-dir
  std::set<std::string, std::less<>> used;                // --media URLs that some request contains

  explicit media_mapping(const media_options& opt);
  [[nodiscard]] bool any() const { return !paths.empty() || !dir.empty(); }
};

/// What the mapped media of one request gave.
struct media_result {
  seedance::media_map media;
  std::vector<seedance::extra_diagnostic> failed;  // mapped files the probe could not read: errors of the request
  std::string unreadable;                          // non-empty: a mapped file cannot be read at all (exit 2)
};

/// Probes the files that --media and --media-dir map the media URLs of one request to: the string
/// items of its top-level image_urls, video_urls and audio_urls arrays, read from its JSON `text`
/// as a stream (no DOM), within the library's bounds of the text (text it would not parse maps
/// nothing). At most a fixed number of mapped items per array are probed (media_mapping.cpp,
/// max_refs_per_array; docs/cli.md). `text` also places the diagnostics of the files the probe
/// could not read.
media_result build_media(std::string_view text, media_mapping& mapping);

/// The same, for a request already parsed into `body` (from `text`).
media_result build_media(const nlohmann::json& body, std::string_view text, media_mapping& mapping);

}  // namespace seedance_tool

#endif  // SEEDANCE_TOOL_MEDIA_MAPPING_HPP

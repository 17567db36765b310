// seedance (the command-line tool): --media and --media-dir (media_mapping.hpp).
#include "media_mapping.hpp"

#include <seedance/probe.hpp>
#include <seedance/text_position.hpp>
#include <seedance/url.hpp>
#include <seedance/detail/text.hpp>
#include <seedance/validate.hpp>

#include <filesystem>
#include <optional>
#include <system_error>

#include "common.hpp"

namespace seedance_tool {

namespace fs = std::filesystem;

media_mapping::media_mapping(const media_options& opt) : dir(opt.dir) {
  for (const std::string& m : opt.mappings) {
    const auto eq = m.rfind('=');  // the part after the last '=' is the path: URLs may hold '='
    paths[m.substr(0, eq)] = m.substr(eq + 1);
  }
}

namespace {

/// The last path segment of a URL, percent-decoded; empty when the URL does not parse or ends in '/'.
std::string last_segment(std::string_view url) {
  const seedance::url_result u = seedance::parse_url(url);
  if (!u) return {};
  const std::string& path = u.url->path;
  const auto slash = path.rfind('/');
  const std::string_view seg = std::string_view(path).substr(slash == std::string::npos ? 0 : slash + 1);
  std::string out;
  seedance::detail::text::percent_decode(seg, out);  // parse_url has checked that every '%' starts an escape of two hex digits
  if (out == "." || out == ".." || out.find('/') != std::string::npos || out.find('\0') != std::string::npos) return {};
  return out;
}

/// A media URL of a request: the kind of the array it is in, and its JSON pointer.
struct media_ref {
  std::string url;
  seedance::media_kind kind;
  std::string pointer;  // "/video_urls/0"
};

/// The media URLs of a request, in the order of the arrays and their items.
std::vector<media_ref> media_urls(const nlohmann::json& body) {
  std::vector<media_ref> out;
  if (!body.is_object()) return out;
  for (const seedance::media_kind k : {seedance::media_kind::image, seedance::media_kind::video, seedance::media_kind::audio}) {
    const std::string field(seedance::urls_field(k));
    const auto it = body.find(field);
    if (it == body.end() || !it->is_array()) continue;
    for (std::size_t i = 0; i < it->size(); ++i)
      if ((*it)[i].is_string())
        out.push_back({(*it)[i].get<std::string>(), k, "/" + seedance::detail::text::pointer_token(field) + "/" + std::to_string(i)});
  }
  return out;
}

/// The properties of a probed file, for the validator. A file that is not one of the formats the
/// probe reads is still media of the array's kind, of format "other": the rules reject it.
std::optional<seedance::media_properties> properties_of(const seedance::probe_result& p, seedance::media_kind kind) {
  if (auto props = p.properties()) return props;
  const seedance::probe_error* e = p.error();
  if (!e || e->code != seedance::probe_errc::unrecognized_format) return std::nullopt;
  switch (kind) {
    case seedance::media_kind::image: return seedance::image_properties{seedance::media_format::other, {}, {}, p.bytes};
    case seedance::media_kind::video: return seedance::video_properties{seedance::media_format::other, {}, {}, {}, {}, p.bytes};
    case seedance::media_kind::audio: return seedance::audio_properties{seedance::media_format::other, {}, p.bytes};
  }
  return std::nullopt;
}

seedance::extra_diagnostic probe_failure(const media_ref& ref, const std::string& why, std::string_view text) {
  return {seedance::severity::error, std::string(media_probe_failed), ref.pointer, why, seedance::locate(text, ref.pointer)};
}

}  // namespace

media_result build_media(const nlohmann::json& body, std::string_view text, media_mapping& mapping) {
  media_result out;
  std::map<std::string, std::string, std::less<>> failures;  // URL -> why its file could not be probed
  std::set<std::string, std::less<>> done;
  for (const media_ref& ref : media_urls(body)) {
    if (const auto f = failures.find(ref.url); f != failures.end()) {
      out.failed.push_back(probe_failure(ref, f->second, text));
      continue;
    }
    if (!done.insert(ref.url).second) continue;
    std::string path;
    if (const auto it = mapping.paths.find(ref.url); it != mapping.paths.end()) {
      path = it->second;
      mapping.used.insert(ref.url);
    } else if (!mapping.dir.empty()) {
      const std::string seg = last_segment(ref.url);
      if (seg.empty()) continue;
      std::error_code ec;
      const fs::path candidate = fs::path(mapping.dir) / seg;
      if (!fs::is_regular_file(candidate, ec)) continue;
      path = candidate.string();
    } else {
      continue;
    }
    seedance::probe_result p = seedance::probe_file(path);
    if (const seedance::probe_error* first = p.error(); first && first->code != seedance::probe_errc::io_error) {
      // A file that fails as a format of another kind (an audio-only MP4 or a HEIF image: ISO BMFF,
      // read as a video) may still be no format of this array's kind at all: then that is what it
      // is ("other": the format rules reject it), not a file the probe could not read.
      seedance::probe_result as_kind = seedance::probe_file(path, {.only = ref.kind});
      if (const seedance::probe_error* e2 = as_kind.error(); e2 && e2->code == seedance::probe_errc::unrecognized_format)
        p = std::move(as_kind);
    }
    const seedance::probe_error* e = p.error();
    if (e && e->code == seedance::probe_errc::io_error) {
      const std::string why = "cannot read the media file " + path + " mapped to " + ref.url + ": " + e->message;
      complain(path, "cannot read the media file mapped to " + ref.url + ": " + e->message);
      if (out.unreadable.empty()) out.unreadable = why;
      continue;
    }
    if (auto props = properties_of(p, ref.kind)) {
      out.media.emplace(ref.url, std::move(*props));
    } else if (e) {
      // Damaged (truncated, malformed) or a variant the probe does not read: the file given for
      // this URL cannot be checked, so the request cannot be said to be valid.
      const std::string why = "the media file " + path +
                              " mapped to this URL could not be probed: " + std::string(seedance::to_string(e->code)) + ": " + e->message;
      failures.emplace(ref.url, why);
      out.failed.push_back(probe_failure(ref, why, text));
    }
  }
  return out;
}

}  // namespace seedance_tool

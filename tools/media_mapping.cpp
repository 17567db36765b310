// seedance (the command-line tool): --media and --media-dir (media_mapping.hpp).
#include "media_mapping.hpp"

#include <seedance/probe.hpp>
#include <seedance/text_position.hpp>
#include <seedance/url.hpp>
#include <seedance/detail/text.hpp>
#include <seedance/validate.hpp>

#include <array>
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

/// A media URL of a request that the mapping maps: the kind of the array it is in, its JSON
/// pointer, and the file it stands for.
struct media_ref {
  std::string url;
  seedance::media_kind kind;
  std::string pointer;  // "/video_urls/0"
  std::string path;
};

/// At most this many mapped items of one media array are kept (and so probed, and given a
/// `media_probe_failed` each): four times the most items any model takes in one array
/// (max_kept_items, 9 images today). An array with more items than that maximum is invalid on
/// every model (too many media) whatever its items are; the margin still checks the mapped media
/// of an array a few items too long, the usual mistake, and past it the memory and the probing of
/// a hostile body (millions of mapped URLs) stay bounded: refs, and the sets of probe_refs, hold
/// at most 3 x max_refs_per_array URLs (108 today).
constexpr std::size_t max_refs_per_array = 4 * seedance::detail::validate::max_kept_items;

/// Collects the media items of one request that the mapping maps, bounded as above. A media array
/// given again (a key given twice) replaces what was collected of it: the last value counts, as in
/// a parsed body and in the validator.
class ref_keeper {
 public:
  explicit ref_keeper(const media_mapping& mapping) : mapping_(mapping) {}

  /// A media array of kind `k` starts (its value may turn out not to be an array: then no items follow).
  void begin(seedance::media_kind k) {
    const auto ki = static_cast<std::size_t>(k);
    refs_[ki].clear();
    named_[ki].clear();
  }

  /// The string item `index` of the media array of kind `k`.
  void item(seedance::media_kind k, std::size_t index, const std::string& url) {
    const auto ki = static_cast<std::size_t>(k);
    const auto given = mapping_.paths.find(url);
    // A --media URL counts as used wherever it is, past the bound too (named_ holds at most as
    // many URLs as were given on the command line).
    if (given != mapping_.paths.end()) named_[ki].insert(given->first);
    if (refs_[ki].size() >= max_refs_per_array) return;
    std::string path;
    if (given != mapping_.paths.end()) {
      path = given->second;
    } else if (!mapping_.dir.empty()) {
      const std::string seg = last_segment(url);
      if (seg.empty()) return;
      std::error_code ec;
      fs::path candidate = fs::path(mapping_.dir) / seg;
      if (!fs::is_regular_file(candidate, ec)) return;
      path = candidate.string();
    } else {
      return;
    }
    const std::string field(seedance::urls_field(k));
    refs_[ki].push_back({url, k, "/" + seedance::detail::text::pointer_token(field) + "/" + std::to_string(index), std::move(path)});
  }

  /// The items kept, images first, then videos, then audios, each array in order; the --media
  /// URLs seen are marked used. Call once, when the whole request was read.
  std::vector<media_ref> take(media_mapping& mapping) {
    std::vector<media_ref> out;
    for (std::size_t ki = 0; ki < refs_.size(); ++ki) {
      for (media_ref& r : refs_[ki]) out.push_back(std::move(r));
      mapping.used.insert(named_[ki].begin(), named_[ki].end());
    }
    return out;
  }

 private:
  const media_mapping& mapping_;
  std::array<std::vector<media_ref>, 3> refs_;               // by media_kind
  std::array<std::set<std::string, std::less<>>, 3> named_;  // --media URLs among the items, by media_kind
};

/// A SAX handler for nlohmann/json that gives a ref_keeper the string items of the top-level
/// media arrays (depth 2) and their indices, and stores nothing itself: memory is the lexer's
/// buffers and the keeper's bounded refs. Deeper values pass as depth changes only.
class url_collector {
 public:
  using json = nlohmann::json;
  explicit url_collector(ref_keeper& keeper) : keeper_(keeper) {}

  bool null() { return value(); }
  bool boolean(bool) { return value(); }
  bool number_integer(json::number_integer_t) { return value(); }
  bool number_unsigned(json::number_unsigned_t) { return value(); }
  bool number_float(json::number_float_t, const json::string_t&) { return value(); }
  bool binary(json::binary_t&) { return value(); }
  bool string(json::string_t& s) {
    if (depth_ == 2 && in_media_) keeper_.item(kind_, index_, s);
    return value();
  }
  bool start_object(std::size_t) { return open(false); }
  bool start_array(std::size_t) { return open(true); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(json::string_t& k) {
    if (depth_ != 1) return true;
    in_media_ = false;
    media_key_ = seedance::detail::validate::media_of_field(k);
    if (media_key_) keeper_.begin(*media_key_);
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const json::exception&) { return false; }

 private:
  /// A value (or the start of one) at the current depth: at depth 2 in a media array, the next item.
  bool value() {
    if (depth_ == 2 && in_media_) ++index_;
    return true;
  }
  bool open(bool array) {
    if (depth_ == 1) {
      in_media_ = array && media_key_;
      kind_ = media_key_.value_or(seedance::media_kind::image);
      index_ = 0;
    } else {
      value();
    }
    // The library's scan has bounded the depth before this parse; stop all the same if not.
    return ++depth_ <= seedance::validation_bounds::max_json_depth;
  }
  bool close() {
    if (--depth_ == 1) in_media_ = false;
    return true;
  }

  ref_keeper& keeper_;
  std::size_t depth_ = 0;  // open arrays and objects
  std::optional<seedance::media_kind> media_key_;  // the current top-level key names a media array
  bool in_media_ = false;  // inside the array value of a media key, at depth >= 2
  seedance::media_kind kind_ = seedance::media_kind::image;
  std::size_t index_ = 0;  // in_media_: the index of the next item
};

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

/// Probes the files of the kept refs (each distinct URL once) and gives the map and the failures.
media_result probe_refs(const std::vector<media_ref>& refs, std::string_view text) {
  media_result out;
  std::map<std::string, std::string, std::less<>> failures;  // URL -> why its file could not be probed
  std::set<std::string, std::less<>> done;
  for (const media_ref& ref : refs) {
    if (const auto f = failures.find(ref.url); f != failures.end()) {
      out.failed.push_back(probe_failure(ref, f->second, text));
      continue;
    }
    if (!done.insert(ref.url).second) continue;
    const std::string& path = ref.path;
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

}  // namespace

media_result build_media(std::string_view text, media_mapping& mapping) {
  // The library's own checks of the text first (size, NUL bytes, nesting: an allocation-free scan),
  // so that this parse reads exactly what the validator will: text they refuse maps nothing, as
  // text that does not parse (the keeper's refs are dropped then, and no URL counts as used).
  seedance::report refused;
  if (!seedance::detail::validate::text_checks(text, refused)) return {};
  ref_keeper keeper(mapping);
  url_collector collector(keeper);
  if (!nlohmann::json::sax_parse(text.begin(), text.end(), &collector)) return {};
  return probe_refs(keeper.take(mapping), text);
}

media_result build_media(const nlohmann::json& body, std::string_view text, media_mapping& mapping) {
  ref_keeper keeper(mapping);
  if (body.is_object()) {
    for (const seedance::media_kind k : {seedance::media_kind::image, seedance::media_kind::video, seedance::media_kind::audio}) {
      const auto it = body.find(std::string(seedance::urls_field(k)));
      if (it == body.end() || !it->is_array()) continue;
      keeper.begin(k);
      for (std::size_t i = 0; i < it->size(); ++i)
        if (const auto* url = (*it)[i].get_ptr<const std::string*>()) keeper.item(k, i, *url);
    }
  }
  return probe_refs(keeper.take(mapping), text);
}

}  // namespace seedance_tool

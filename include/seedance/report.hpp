// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Diagnostics: the stable codes of docs/spec.md, their severities, and the report that validation
// returns, with a human (compiler-like) and a JSON rendering.
#ifndef SEEDANCE_REPORT_HPP
#define SEEDANCE_REPORT_HPP

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "detail/lazy_message.hpp"
#include "detail/utf8.hpp"
#include "spec.hpp"
#include "text_position.hpp"

namespace seedance {

/// `error`: the API would reject the request (or it cannot do what it says); `warning`: accepted,
/// but probably not what the user meant.
enum class severity : std::uint8_t { error, warning };

template <>
struct enum_strings<severity> {
  static constexpr std::array<std::string_view, 2> values{"error", "warning"};
};

/// The diagnostic codes. Public API: a code is never renamed or renumbered; new codes are appended.
/// docs/spec.md sections 2 and 3, then the library's own additions (marked).
enum class code : std::uint8_t {
  // docs/spec.md section 2: request fields
  invalid_json,
  not_an_object,
  missing_field,
  wrong_type,
  unknown_model,
  unknown_field,
  prompt_empty,
  prompt_too_long,
  prompt_long,
  duration_out_of_range,
  invalid_enum,
  quality_unsupported,
  media_unsupported,
  field_ignored,
  too_few_media,
  too_many_media,
  audio_needs_visual,
  reference_missing,
  web_search_unsupported,
  invalid_url,
  url_not_public,
  callback_not_https,
  callback_private_host,
  callback_too_long,
  base64_media,
  prompt_tag_out_of_range,
  media_extension,
  body_too_large,
  // docs/spec.md section 3: media
  image_format,
  image_dimensions,
  image_aspect_ratio,
  image_too_large,
  last_frame_cropped,
  video_format,
  video_dimensions,
  video_aspect_ratio,
  video_pixel_count,
  video_fps,
  video_duration,
  video_total_duration,
  video_too_large,
  audio_format,
  audio_duration,
  audio_total_duration,
  audio_too_large,
  // the library's additions (not in docs/spec.md)
  invalid_utf8,   ///< a string is not valid UTF-8 (only reachable from a json built in C++)
  duplicate_key,  ///< a key appears twice in one object of the JSON text; the last one is used
  validation_incomplete,  ///< validation stopped before the end (out of memory): the request was not fully checked
  // docs/spec.md section 9 (December 2026)
  web_search_without_content_filter,  ///< web_search true with content_filter false: the provider answers 400
  first_frame_aspect_mismatch,        ///< image-to-video: the first frame is > 2% off the requested output ratio
};

/// One row of the code catalogue: the code's name (as `to_string` gives it), its severity, and
/// whether that severity can depend on the request or the validation options (then `severity` is
/// the usual one, and each diagnostic carries the one that applies: docs/validation.md).
struct code_info {
  seedance::code code;
  std::string_view name;
  seedance::severity severity;
  bool severity_varies = false;
};

/// The catalogue, in `code` order.
inline constexpr std::array<code_info, 50> code_catalogue{{
    {code::invalid_json, "invalid_json", severity::error},
    {code::not_an_object, "not_an_object", severity::error},
    {code::missing_field, "missing_field", severity::error},
    {code::wrong_type, "wrong_type", severity::error},
    {code::unknown_model, "unknown_model", severity::error},
    {code::unknown_field, "unknown_field", severity::warning, true},     // an error in strict mode
    {code::prompt_empty, "prompt_empty", severity::error},
    {code::prompt_too_long, "prompt_too_long", severity::error},
    {code::prompt_long, "prompt_long", severity::warning},
    {code::duration_out_of_range, "duration_out_of_range", severity::error},
    {code::invalid_enum, "invalid_enum", severity::error},
    {code::quality_unsupported, "quality_unsupported", severity::error},
    {code::media_unsupported, "media_unsupported", severity::error},
    {code::field_ignored, "field_ignored", severity::warning, true},     // an error in strict mode
    {code::too_few_media, "too_few_media", severity::error},
    {code::too_many_media, "too_many_media", severity::error},
    {code::audio_needs_visual, "audio_needs_visual", severity::error},
    {code::reference_missing, "reference_missing", severity::warning},
    {code::web_search_unsupported, "web_search_unsupported", severity::error},
    {code::invalid_url, "invalid_url", severity::error},
    {code::url_not_public, "url_not_public", severity::error},
    {code::callback_not_https, "callback_not_https", severity::error},
    {code::callback_private_host, "callback_private_host", severity::error},
    {code::callback_too_long, "callback_too_long", severity::error},
    {code::base64_media, "base64_media", severity::error, true},         // a warning on image-to-video
    {code::prompt_tag_out_of_range, "prompt_tag_out_of_range", severity::warning},
    {code::media_extension, "media_extension", severity::warning},
    {code::body_too_large, "body_too_large", severity::error},
    {code::image_format, "image_format", severity::error},
    {code::image_dimensions, "image_dimensions", severity::error},
    {code::image_aspect_ratio, "image_aspect_ratio", severity::error},
    {code::image_too_large, "image_too_large", severity::error},
    {code::last_frame_cropped, "last_frame_cropped", severity::warning},
    {code::video_format, "video_format", severity::error},
    {code::video_dimensions, "video_dimensions", severity::error},
    {code::video_aspect_ratio, "video_aspect_ratio", severity::error},
    {code::video_pixel_count, "video_pixel_count", severity::error},
    {code::video_fps, "video_fps", severity::error},
    {code::video_duration, "video_duration", severity::error},
    {code::video_total_duration, "video_total_duration", severity::error},
    {code::video_too_large, "video_too_large", severity::error},
    {code::audio_format, "audio_format", severity::error},
    {code::audio_duration, "audio_duration", severity::error},
    {code::audio_total_duration, "audio_total_duration", severity::error},
    {code::audio_too_large, "audio_too_large", severity::error},
    {code::invalid_utf8, "invalid_utf8", severity::error},
    {code::duplicate_key, "duplicate_key", severity::warning},
    {code::validation_incomplete, "validation_incomplete", severity::error},
    {code::web_search_without_content_filter, "web_search_without_content_filter", severity::error},
    {code::first_frame_aspect_mismatch, "first_frame_aspect_mismatch", severity::warning},
}};

static_assert(
    [] {
      for (std::size_t i = 0; i < code_catalogue.size(); ++i)
        if (static_cast<std::size_t>(code_catalogue[i].code) != i) return false;
      return true;
    }(),
    "seedance: code_catalogue rows must follow the order of enum class code");

namespace detail {
constexpr std::array<std::string_view, code_catalogue.size()> code_names() noexcept {
  std::array<std::string_view, code_catalogue.size()> out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = code_catalogue[i].name;
  return out;
}
}  // namespace detail

template <>
struct enum_strings<code> {
  static constexpr std::array<std::string_view, code_catalogue.size()> values = detail::code_names();
};

/// The code's usual severity: the one it always has, except for the codes whose `severity_varies`
/// (base64_media is a warning on image-to-video; unknown_field and field_ignored are errors in
/// strict mode). A diagnostic's own `severity` is the one that applies to it.
[[nodiscard]] constexpr severity severity_of(code c) noexcept {
  const auto i = static_cast<std::size_t>(c);
  return i < code_catalogue.size() ? code_catalogue[i].severity : severity::error;
}

/// One problem: what (code, severity), where (an RFC 6901 JSON pointer; "" is the whole request)
/// and a one-sentence message that names the limit and the value found.
struct diagnostic {
  seedance::severity severity = severity::error;
  seedance::code code = code::invalid_json;
  std::string path;
  std::string message;
  /// Where the offending value stands in the JSON text, when the request was validated as text
  /// (or `report::locate_in` was called); for `invalid_json`, where parsing stopped.
  std::optional<text_position> position;
  friend bool operator==(const diagnostic&, const diagnostic&) = default;
};

/// The result of validation: every diagnostic, in the order found.
///
/// The validator's messages are written when the diagnostics are first read (`begin`, `end`,
/// `operator[]`, a copy, `==`), not when they are found: `ok()`, `errors()`, `warnings()`, `size()`
/// and `has()` write none, so an invalid request that is only counted costs about what a valid one
/// does. Reading is safe from several threads at once (the first reader writes the messages, the
/// others wait for it); as for any object, adding is not.
class report {
 public:
  using const_iterator = std::vector<diagnostic>::const_iterator;

  report() = default;
  report(const report& other) : items_((other.settle(), other.items_)), complete_(other.complete_) {}
  report(report&& other) noexcept
      : items_(std::move(other.items_)),
        pending_(std::move(other.pending_)),
        state_(other.state_.load(std::memory_order_relaxed)),
        complete_(other.complete_) {
    other.forget();
  }
  report& operator=(const report& other) {
    if (this != &other) {
      other.settle();
      items_ = other.items_;
      pending_.clear();
      state_.store(settled, std::memory_order_relaxed);
      complete_ = other.complete_;
    }
    return *this;
  }
  report& operator=(report&& other) noexcept {
    if (this != &other) {
      items_ = std::move(other.items_);
      pending_ = std::move(other.pending_);
      state_.store(other.state_.load(std::memory_order_relaxed), std::memory_order_relaxed);
      complete_ = other.complete_;
      other.forget();
    }
    return *this;
  }
  ~report() = default;

  /// No errors (warnings allowed), and validation ran to the end.
  [[nodiscard]] bool ok() const noexcept { return complete_ && errors() == 0; }
  /// Validation ran to the end: false after `stop` (out of memory), even when the diagnostic that
  /// says so could not be added.
  [[nodiscard]] bool complete() const noexcept { return complete_; }
  [[nodiscard]] std::size_t errors() const noexcept { return count(severity::error); }
  [[nodiscard]] std::size_t warnings() const noexcept { return count(severity::warning); }
  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
  [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
  /// The diagnostics, their messages written (on the first read).
  [[nodiscard]] const_iterator begin() const noexcept { return (settle(), items_.begin()); }
  [[nodiscard]] const_iterator end() const noexcept { return (settle(), items_.end()); }
  [[nodiscard]] const diagnostic& operator[](std::size_t i) const { return (settle(), items_[i]); }

  /// Whether some diagnostic has code `c` (and, if given, path `path`).
  [[nodiscard]] bool has(code c) const noexcept {
    return std::any_of(items_.begin(), items_.end(), [c](const diagnostic& d) { return d.code == c; });
  }
  [[nodiscard]] bool has(code c, std::string_view path) const noexcept {
    return std::any_of(items_.begin(), items_.end(), [&](const diagnostic& d) { return d.code == c && d.path == path; });
  }

  /// Adds a diagnostic with the code's usual severity (severity_of). Invalid UTF-8 in `path` or
  /// `message` (a quoted value, a key built in C++) becomes U+FFFD, so that every rendering is valid UTF-8.
  void add(code c, std::string path, std::string message) { add(c, severity_of(c), std::move(path), std::move(message)); }
  /// The same with the severity that applies to this diagnostic (for the codes whose severity varies).
  void add(code c, seedance::severity s, std::string path, std::string message) {
    reserve_first();
    detail::make_valid_utf8(path);
    detail::make_valid_utf8(message);
    items_.push_back({s, c, std::move(path), std::move(message), std::nullopt});
  }
  /// The same with a message written only when the diagnostics are read (`message()` is called
  /// then, once; its invalid UTF-8 becomes U+FFFD as above). `message` must own what it reads
  /// (detail::lazy_message): the validators use this form, so that a message nobody reads costs nothing.
  void add(code c, seedance::severity s, std::string path, detail::lazy_message message) {
    reserve_first();
    detail::make_valid_utf8(path);
    items_.emplace_back(s, c, std::move(path), std::string(), std::nullopt);
    try {
      if (pending_.capacity() == 0) pending_.reserve(8);
      pending_.emplace_back(items_.size() - 1, std::move(message));
    } catch (...) {
      items_.pop_back();
      throw;
    }
    state_.store(unsettled, std::memory_order_relaxed);
  }

  /// Moves the diagnostics of `other` (their messages, written or not) to the end of this one;
  /// `other` is left empty. The validator keeps the groups that arrive in text order apart and
  /// joins them in the order of its checks.
  void append(report&& other) {
    if (other.items_.empty()) return;
    complete_ = complete_ && other.complete_;
    if (items_.empty()) {  // the first group to arrive: its storage becomes this report's (no allocation)
      items_.swap(other.items_);
      pending_.swap(other.pending_);
      if (!pending_.empty()) state_.store(unsettled, std::memory_order_relaxed);
      other.forget();
      return;
    }
    const std::size_t base = items_.size();
    // grown as push_back grows, not to the exact size: several groups join one report
    if (items_.capacity() < base + other.items_.size()) items_.reserve(std::max(base + other.items_.size(), 2 * items_.capacity()));
    if (pending_.capacity() < pending_.size() + other.pending_.size())
      pending_.reserve(std::max(pending_.size() + other.pending_.size(), 2 * pending_.capacity()));
    for (diagnostic& d : other.items_) items_.push_back(std::move(d));
    for (pending_message& p : other.pending_) pending_.push_back({p.index + base, std::move(p.write)});
    if (!pending_.empty()) state_.store(unsettled, std::memory_order_relaxed);
    other.forget();
  }

  /// Sets the position of every diagnostic that has none from the JSON text the request was
  /// parsed from (one pass over the text, whatever the number of diagnostics). A diagnostic whose
  /// path designates no value in the text (e.g. an absent field) keeps none.
  void locate_in(std::string_view text) {
    std::vector<std::string_view> pointers;  // views of the paths: nothing copied
    std::vector<std::size_t> which;
    pointers.reserve(items_.size());
    which.reserve(items_.size());
    std::size_t depth = 0;
    for (std::size_t i = 0; i < items_.size(); ++i) {
      if (items_[i].position) continue;
      pointers.push_back(items_[i].path);
      which.push_back(i);
      depth = std::max<std::size_t>(depth, static_cast<std::size_t>(std::count(items_[i].path.begin(), items_[i].path.end(), '/')));
    }
    if (pointers.empty()) return;
    const auto offsets = detail::locate::values(text, pointers, depth);
    // (offset, item) in text order, then lines and columns in one pass over the text
    std::vector<std::pair<std::size_t, std::size_t>> at;
    at.reserve(offsets.size());
    for (std::size_t k = 0; k < offsets.size(); ++k)
      if (offsets[k]) at.emplace_back(*offsets[k], which[k]);
    std::sort(at.begin(), at.end());
    detail::line_counter lines(text);
    for (const auto& [offset, item] : at) items_[item].position = lines.at(offset);
  }

  /// Adds a diagnostic at a known position of the text (e.g. where parsing stopped).
  void add(code c, std::string path, std::string message, text_position where) {
    add(c, std::move(path), std::move(message));
    items_.back().position = where;
  }

  /// Records that validation stopped before the end (`why`: "out of memory", or what an internal
  /// failure said): the report is no longer ok() whatever it holds, and gets a
  /// `validation_incomplete` diagnostic when memory allows. Never throws.
  void stop(std::string_view why) noexcept {
    complete_ = false;
    try {
      add(code::validation_incomplete, "",
          "validation stopped before the end (" + std::string(why) + "); the request was not fully checked");
    } catch (...) {}
  }

  /// The same diagnostics (messages included, written for the comparison) and completeness.
  friend bool operator==(const report& a, const report& b) {
    a.settle();
    b.settle();
    return a.items_ == b.items_ && a.complete_ == b.complete_;
  }

 private:
  std::size_t count(severity s) const noexcept {
    return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [s](const diagnostic& d) { return d.severity == s; }));
  }

  /// A message not written yet: the diagnostic's index in `items_` and the writer.
  struct pending_message {
    std::size_t index;
    detail::lazy_message write;
  };
  enum : std::uint8_t { settled, unsettled, settling };

  /// Room for a few diagnostics on the first add, instead of growing one by one.
  void reserve_first() {
    if (items_.capacity() == 0) items_.reserve(8);
  }

  /// Writes the pending messages (once; concurrent readers wait for the first). A message that
  /// cannot be written for want of memory stays empty: reading must not throw.
  void settle() const noexcept {
    if (state_.load(std::memory_order_acquire) == settled) return;
    std::uint8_t expected = unsettled;
    if (state_.compare_exchange_strong(expected, settling, std::memory_order_acq_rel)) {
      for (const pending_message& p : pending_) {
        try {
          items_[p.index].message = detail::to_valid_utf8(p.write());
        } catch (...) {}
      }
      pending_.clear();
      state_.store(settled, std::memory_order_release);
      state_.notify_all();
      return;
    }
    while (expected != settled) {
      state_.wait(expected, std::memory_order_acquire);
      expected = state_.load(std::memory_order_acquire);
    }
  }

  /// After a move: empty, nothing pending.
  void forget() noexcept {
    items_.clear();
    pending_.clear();
    state_.store(settled, std::memory_order_relaxed);
  }

  mutable std::vector<diagnostic> items_;  // mutable: messages are written on the first read
  mutable std::vector<pending_message> pending_;
  mutable std::atomic<std::uint8_t> state_{settled};
  bool complete_ = true;
};

/// One line, like a compiler's: `error[duration_out_of_range] /duration: duration 16 is outside 4..15 seconds`.
/// A diagnostic about the whole request (path "") has no path: `warning[reference_missing]: ...`.
[[nodiscard]] inline std::string to_text(const diagnostic& d) {
  std::string out;
  out.reserve(d.message.size() + d.path.size() + 40);
  out += to_string(d.severity);
  out += '[';
  out += to_string(d.code);
  out += ']';
  if (!d.path.empty()) {
    out += ' ';
    out += d.path;
  }
  out += ": ";
  out += d.message;
  return out;
}

/// A diagnostic with a code that is not the library's: a tool's own (the `seedance` tool's
/// `media_probe_failed`), to be rendered among a report's diagnostics in the same shape.
struct extra_diagnostic {
  seedance::severity severity = severity::error;
  std::string code;
  std::string path;
  std::string message;
  std::optional<text_position> position;
};

/// How `to_text(const report&, const report_text_options&)` writes a report. The defaults are the
/// library's form (`to_text(r)`); `seedance check`'s is `{.file = FILE, .positions = true,
/// .file_order = true, .summary = false, .colour = ...}` with its own diagnostics in `extra`.
struct report_text_options {
  /// Before each line, `FILE:` (empty: nothing).
  std::string_view file;
  /// Before each line, the diagnostic's `LINE:COLUMN:` when it has a position (after `FILE:`).
  bool positions = false;
  /// The diagnostics in the order of their place in the text (line, then column), those without one
  /// last, each group in the order found; else in the order found (the report's, then `extra`).
  bool file_order = false;
  /// After the diagnostics, `N errors, M warnings` (counting `extra`) and a line when the report is incomplete.
  bool summary = true;
  /// ANSI colours: the place in bold, the severity bold red (error) or bold magenta (warning).
  bool colour = false;
  /// Diagnostics of the caller's own, rendered with the report's.
  std::span<const extra_diagnostic> extra;
};

/// How `to_json(const report&, const report_json_options&)` writes a report. The defaults are the
/// library's form (`nlohmann::json j = r;`).
struct report_json_options {
  /// As in `report_text_options`.
  bool file_order = false;
  /// Only the array of diagnostics (`seedance check --format json`'s `"diagnostics"`), not the object around it.
  bool diagnostics_only = false;
  /// Diagnostics of the caller's own, rendered with the report's, in the shape of `to_json(diagnostic)`;
  /// their errors count in `"errors"` and make `"valid"` false.
  std::span<const extra_diagnostic> extra;
};

namespace detail {
/// One diagnostic of a rendering: the library's or an extra one.
struct any_diagnostic {
  const diagnostic* library = nullptr;  // else `extra`
  const extra_diagnostic* extra = nullptr;
  [[nodiscard]] const std::optional<text_position>& position() const noexcept { return library ? library->position : extra->position; }
  [[nodiscard]] seedance::severity severity() const noexcept { return library ? library->severity : extra->severity; }
  [[nodiscard]] std::string_view code() const noexcept { return library ? to_string(library->code) : std::string_view(extra->code); }
  [[nodiscard]] const std::string& path() const noexcept { return library ? library->path : extra->path; }
  [[nodiscard]] const std::string& message() const noexcept { return library ? library->message : extra->message; }
};

/// The report's diagnostics and `extra`, in the order found or (`file_order`) in the order of their place.
inline std::vector<any_diagnostic> diagnostics_in_order(const report& r, std::span<const extra_diagnostic> extra, bool file_order) {
  std::vector<any_diagnostic> all;
  all.reserve(r.size() + extra.size());
  for (const diagnostic& d : r) all.push_back({&d, nullptr});
  for (const extra_diagnostic& d : extra) all.push_back({nullptr, &d});
  if (file_order)
    std::stable_sort(all.begin(), all.end(), [](const any_diagnostic& a, const any_diagnostic& b) {
      const auto& pa = a.position();
      const auto& pb = b.position();
      if (!pa || !pb) return pa.has_value() && !pb.has_value();
      return pa->line != pb->line ? pa->line < pb->line : pa->column < pb->column;
    });
  return all;
}

inline std::string paint(std::string_view text, std::string_view sgr, bool colour) {
  if (!colour) return std::string(text);
  return "\x1b[" + std::string(sgr) + "m" + std::string(text) + "\x1b[0m";
}
}  // namespace detail

/// Every diagnostic on its own line, then a summary line (`2 errors, 1 warning`); with `options`, each
/// line may start with the file and the position, as a compiler's:
/// `a.json:4:15: error[duration_out_of_range] /duration: duration 16 is outside 4..15 seconds`.
[[nodiscard]] inline std::string to_text(const report& r, const report_text_options& options) {
  std::string out;
  std::size_t errors = r.errors(), warnings = r.warnings();
  for (const extra_diagnostic& d : options.extra) (d.severity == severity::error ? errors : warnings) += 1;
  for (const detail::any_diagnostic& d : detail::diagnostics_in_order(r, options.extra, options.file_order)) {
    std::string place(options.file);
    if (options.positions && d.position()) {
      if (!place.empty()) place += ':';
      place += std::to_string(d.position()->line) + ":" + std::to_string(d.position()->column);
    }
    if (!place.empty()) out += detail::paint(place + ":", "1", options.colour) + " ";
    out += detail::paint(to_string(d.severity()), d.severity() == severity::error ? "1;31" : "1;35", options.colour);
    out += '[';
    out += d.code();
    out += ']';
    if (!d.path().empty()) {
      out += ' ';
      out += d.path();
    }
    out += ": ";
    out += d.message();
    out += '\n';
  }
  if (!options.summary) return out;
  const auto plural = [](std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); };
  out += plural(errors, "error") + ", " + plural(warnings, "warning") + "\n";
  if (!r.complete()) out += "validation stopped before the end: the request was not fully checked\n";
  return out;
}
/// Every diagnostic on its own line, then a summary line (`2 errors, 1 warning`).
[[nodiscard]] inline std::string to_text(const report& r) { return to_text(r, report_text_options{}); }

/// `{"severity", "code", "path", "message"}`, plus `"line"` and `"column"` (1-based) when the
/// diagnostic has a position.
inline void to_json(nlohmann::json& j, const diagnostic& d) {
  j = nlohmann::json{
      {"severity", std::string(to_string(d.severity))}, {"code", std::string(to_string(d.code))}, {"path", d.path}, {"message", d.message}};
  if (d.position) {
    j["line"] = d.position->line;
    j["column"] = d.position->column;
  }
}

/// `{"valid": bool, "errors": n, "warnings": n, "diagnostics": [...]}`, plus `"complete": false`
/// when validation stopped before the end; with `diagnostics_only`, the array alone.
[[nodiscard]] inline nlohmann::json to_json(const report& r, const report_json_options& options) {
  nlohmann::json list = nlohmann::json::array();
  std::size_t extra_errors = 0, extra_warnings = 0;
  for (const detail::any_diagnostic& a : detail::diagnostics_in_order(r, options.extra, options.file_order)) {
    if (a.library) {
      list.push_back(*a.library);
      continue;
    }
    const extra_diagnostic& d = *a.extra;
    (d.severity == severity::error ? extra_errors : extra_warnings) += 1;
    nlohmann::json j{{"severity", std::string(to_string(d.severity))}, {"code", d.code}, {"path", d.path}, {"message", d.message}};
    if (d.position) {
      j["line"] = d.position->line;
      j["column"] = d.position->column;
    }
    list.push_back(std::move(j));
  }
  if (options.diagnostics_only) return list;
  nlohmann::json j{{"valid", r.ok() && extra_errors == 0},
                   {"errors", r.errors() + extra_errors},
                   {"warnings", r.warnings() + extra_warnings},
                   {"diagnostics", std::move(list)}};
  if (!r.complete()) j["complete"] = false;
  return j;
}
/// The library's form: `to_json(r, report_json_options{})`.
inline void to_json(nlohmann::json& j, const report& r) { j = to_json(r, report_json_options{}); }

/// The report in the provider's error shape, as the API would answer a request it rejects:
/// `{"error": {"code": "invalid_request", "message": <first error>, "type": "invalid_request_error",
/// "details": [diagnostics...]}}`. For a report without errors, `{"error": null, "details": [...]}`.
[[nodiscard]] inline nlohmann::json to_provider_error(const report& r) {
  nlohmann::json details = nlohmann::json::array();
  const diagnostic* first = nullptr;
  for (const diagnostic& d : r) {
    details.push_back(d);
    if (!first && d.severity == severity::error) first = &d;
  }
  if (!first && r.complete()) return nlohmann::json{{"error", nullptr}, {"details", std::move(details)}};
  return nlohmann::json{
      {"error",
       {{"code", "invalid_request"},
        {"message", first ? to_text(*first) : std::string("validation stopped before the end: the request was not fully checked")},
        {"type", "invalid_request_error"},
        {"details", std::move(details)}}}};
}

}  // namespace seedance

#endif  // SEEDANCE_REPORT_HPP

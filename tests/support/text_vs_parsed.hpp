// The differential between validate's two event sources (docs/validation.md, "Text and parsed
// body"): the streaming reader of the text, validate(text), and the walk over nlohmann/json's DOM of
// the same text, validate(parse_request(text), text). One set of rules, so one verdict: the same
// diagnostics as a multiset of (code, severity, pointer, message), with two differences the design
// allows, and nothing else:
//   - order: the groups that follow the keys (unknown fields, media items, model_params' keys) come
//     in the text's order from the stream and in nlohmann/json's key order from the DOM;
//   - which entries a group over its cap lists: the first max_repeats in either order. Such a group
//     is compared by its summary ("N more ... only the first 16 are listed"), whose code, severity
//     and pointer must agree; the entries it stands over are not compared.
// Used by tests/unit/stream_test.cpp (a corpus of bodies) and tests/fuzz/fuzz_validate.cpp (every
// input).
#pragma once

#include <seedance/validate.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace seedance::testing {

namespace text_vs_parsed_detail {

using entry = std::tuple<code, severity, std::string, std::string>;

inline bool is_summary(const diagnostic& d) { return d.message.find("; only the first ") != std::string::npos; }

/// Whether `path` lies in the group whose summary has pointer `summary_path`: the items of a media
/// array (/image_urls/N...) and model_params' keys below it, the prompt's tags at it, the top-level
/// fields ("" summary) one segment deep.
inline bool under(std::string_view path, std::string_view summary_path) {
  if (summary_path.empty()) return !path.empty() && path.find('/', 1) == std::string_view::npos;
  if (path == summary_path) return true;
  return path.size() > summary_path.size() && path.substr(0, summary_path.size()) == summary_path && path[summary_path.size()] == '/';
}

inline std::vector<entry> canonical(const report& r) {
  std::vector<const diagnostic*> summaries;
  for (const diagnostic& d : r)
    if (is_summary(d)) summaries.push_back(&d);
  std::vector<entry> out;
  for (const diagnostic& d : r) {
    if (is_summary(d)) {
      out.emplace_back(d.code, d.severity, d.path, "(summary)");
      continue;
    }
    const bool covered =
        std::any_of(summaries.begin(), summaries.end(), [&](const diagnostic* s) { return s->code == d.code && under(d.path, s->path); });
    if (!covered) out.emplace_back(d.code, d.severity, d.path, d.message);
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline std::string describe(const std::vector<entry>& v) {
  std::string s;
  for (const auto& [c, sev, path, message] : v) {
    s += "  ";
    s += to_string(c);
    s += sev == severity::error ? " error " : " warning ";
    s += path.empty() ? "\"\"" : path;
    s += ": " + message + "\n";
  }
  return s;
}

}  // namespace text_vs_parsed_detail

/// Empty when two reports agree as the differential compares them; otherwise both canonical
/// reports, for a test's message. A report cut short (out of memory) has no verdict to compare.
inline std::optional<std::string> same_verdict(const report& streamed, const report& walked) {
  namespace d = text_vs_parsed_detail;
  if (!streamed.complete() || !walked.complete()) return std::nullopt;
  const std::vector<d::entry> a = d::canonical(streamed);
  const std::vector<d::entry> b = d::canonical(walked);
  if (a == b) return std::nullopt;
  return "from the text:\n" + d::describe(a) + "from the parsed body:\n" + d::describe(b);
}

/// The differential on `text`: empty when both paths agree.
inline std::optional<std::string> text_vs_parsed(std::string_view text, const media_map& media = {}, const validate_options& options = {}) {
  return same_verdict(validate(text, media, options), validate(parse_request(text), text, media, options));
}

}  // namespace seedance::testing

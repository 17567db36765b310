// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Runtime validation: every rule of rules.md sections 2 and 3, all problems in one pass, each as a
// diagnostic with a stable code, a JSON pointer and a message. Reads the same tables as the
// compile-time checks (spec.hpp); nothing here restates a number.
#ifndef SEEDANCE_VALIDATE_HPP
#define SEEDANCE_VALIDATE_HPP

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "json.hpp"
#include "media.hpp"
#include "models.hpp"
#include "detail/utf8.hpp"
#include "report.hpp"
#include "request.hpp"
#include "spec.hpp"
#include "url.hpp"

namespace seedance {

/// Bounds used by the prompt rules (docs/rules.md explains them).
namespace prompt_bounds {
/// `prompt_too_long` assumes that no tokenizer has a token longer than this many UTF-8 bytes ...
inline constexpr std::size_t max_token_bytes = 128;
/// ... and that none merges two runs of text separated by white space into one token.
}  // namespace prompt_bounds

/// What the prompt rules measured of a prompt.
struct prompt_stats {
  bool valid_utf8 = true;
  std::size_t bytes = 0;
  std::size_t code_points = 0;
  std::size_t cjk = 0;         ///< CJK ideographs, kana, hangul, CJK and full-width punctuation
  std::size_t words = 0;       ///< runs of other non-blank characters with a letter or digit
  std::size_t runs = 0;        ///< runs of non-blank characters (white space separates)
  bool blank = true;           ///< empty, or only white space and invisible characters
  /// A lower bound on the prompt's length in tokens for any reasonable tokenizer.
  [[nodiscard]] std::size_t min_tokens() const noexcept {
    const std::size_t by_bytes = (bytes + prompt_bounds::max_token_bytes - 1) / prompt_bounds::max_token_bytes;
    return std::max(runs, by_bytes);
  }
  /// Over the provider's recommendation: CJK characters count against 500, words against 1,000,
  /// and a mix against both (cjk/500 + words/1000 > 1).
  [[nodiscard]] bool over_recommendation() const noexcept {
    return cjk * limits::prompt_recommended_words + words * limits::prompt_recommended_cjk_chars >
           limits::prompt_recommended_cjk_chars * limits::prompt_recommended_words;
  }
};

namespace detail {

// --- small text helpers -------------------------------------------------------------------------

/// Unicode White_Space, plus the invisible format characters that make a prompt look empty.
constexpr bool is_blank(char32_t c) noexcept {
  if (c < 0x80) return c == 0x20 || (c >= 0x09 && c <= 0x0D);  // the common cases first
  if (c > 0x3000) return c == 0xFEFF;                            // CJK and beyond
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200D) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x2060 || c == 0x3000 || c == 0xFEFF;
}

/// CJK ideographs (all planes), kana, hangul, CJK symbols and punctuation, full-width forms.
constexpr bool is_cjk(char32_t c) noexcept {
  if (c < 0x1100) return false;                   // Latin, Greek, Cyrillic, ...: the common case
  if (c >= 0x4E00 && c <= 0x9FFF) return true;    // CJK Unified Ideographs: the next most common
  return (c <= 0x11FF) || (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3001 && c <= 0x303F) ||
         (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3130 && c <= 0x318F) || (c >= 0x31F0 && c <= 0x31FF) ||
         (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3134F);
}

constexpr bool is_word_char(char32_t c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/// Number of code points (or of bytes, for invalid UTF-8).
inline std::size_t length_in_chars(std::string_view s) {
  std::size_t n = 0;
  return for_each_code_point(s, [&](char32_t) { ++n; }) ? n : s.size();
}

/// RFC 6901: `~` as `~0`, `/` as `~1`.
inline std::string pointer(std::string_view key) {
  std::string out = "/";
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}
inline std::string pointer(std::string_view key, std::size_t index) { return pointer(key) + "/" + std::to_string(index); }

/// A string value shown in a message: quoted, control characters escaped, long values cut.
inline std::string show_text(std::string_view s, std::size_t max = 80) {
  std::string out = "\"";
  std::size_t shown = 0;
  for (char c : s) {
    if (shown == max) {
      out += "...";
      break;
    }
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || c == '"' || c == '\\') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", u);
      out += buf;
    } else {
      out += c;
    }
    ++shown;
  }
  out += '"';
  if (s.size() > max) out += " (" + std::to_string(s.size()) + " bytes)";
  return out;
}

inline std::string type_name(const nlohmann::json& v) {
  if (v.is_number_integer()) return "an integer";
  if (v.is_number_float()) return "a number with a fraction or exponent";
  switch (v.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    default: return "a value of another type";
  }
}

/// A value shown in a message: strings quoted, others as compact JSON, cut if long.
inline std::string shown(const nlohmann::json& v) {
  if (v.is_string()) return show_text(v.get_ref<const std::string&>());
  if (v.is_structured()) return type_name(v);
  return v.dump();
}

inline std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

inline std::string mebibytes(std::uint64_t bytes) {
  return number(static_cast<double>(bytes) / static_cast<double>(mib)) + " MiB";
}

inline std::string join(const std::vector<std::string_view>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

/// Levenshtein distance, for "did you mean" (inputs are cut to 64 bytes: bounded work).
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  a = a.substr(0, 64);
  b = b.substr(0, 64);
  std::array<std::size_t, 65> prev{}, cur{};
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    prev = cur;
  }
  return prev[b.size()];
}

/// The name in `names` nearest to `s`; with `max_distance`, empty when none is that near.
template <class Names>
std::string_view closest(std::string_view s, const Names& names, std::size_t max_distance = static_cast<std::size_t>(-1)) {
  std::string_view best;
  std::size_t best_d = static_cast<std::size_t>(-1);
  for (std::string_view n : names) {
    const std::size_t d = edit_distance(s, n);
    if (d < best_d) {
      best_d = d;
      best = n;
    }
  }
  return best_d <= max_distance ? best : std::string_view{};
}

inline bool iequals_prefix(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

template <spec_enum E>
std::string wire_list(std::string_view sep = ", ") {
  std::vector<std::string_view> v(enum_strings<E>::values.begin(), enum_strings<E>::values.end());
  return join(v, sep);
}

inline std::string qualities_of(const model_info& m) {
  std::vector<std::string_view> v;
  for (std::size_t i = 0; i < enum_strings<quality>::values.size(); ++i)
    if (m.supports(static_cast<quality>(i))) v.push_back(enum_strings<quality>::values[i]);
  return join(v, ", ");
}

inline std::string extensions_of(const media_rules& r) {
  std::vector<std::string_view> v;
  for (std::string_view e : r.extensions)
    if (!e.empty()) v.push_back(e);
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", ." : ".") + std::string(v[i]);
  return out;
}

inline std::string formats_of(const media_rules& r) {
  std::vector<std::string_view> v;
  for (media_format f : r.formats)
    if (f != media_format::other) v.push_back(to_string(f));
  return join(v, ", ");
}

inline std::string range_text(const int_range& r) { return std::to_string(r.min) + ".." + std::to_string(r.max); }

// --- the validator --------------------------------------------------------------------------------

/// Lower bound of the serialized size of `v` in bytes (strings and keys with their quotes, one
/// byte per other token); iterative, so any depth is fine.
inline std::uint64_t serialized_size_lower_bound(const nlohmann::json& v) {
  std::uint64_t total = 0;
  // A stack of pending values: inline for the usual shallow request, on the heap past 32 entries.
  std::array<const nlohmann::json*, 32> inline_stack;
  std::vector<const nlohmann::json*> heap_stack;
  std::size_t top = 0;
  const auto push = [&](const nlohmann::json* x) {
    if (top < inline_stack.size())
      inline_stack[top++] = x;
    else
      heap_stack.push_back(x);
  };
  push(&v);
  while (top > 0 || !heap_stack.empty()) {
    const nlohmann::json* x = nullptr;
    if (!heap_stack.empty()) {
      x = heap_stack.back();
      heap_stack.pop_back();
    } else {
      x = inline_stack[--top];
    }
    if (x->is_string()) {
      total += x->get_ref<const std::string&>().size() + 2;
    } else if (x->is_object()) {
      total += 2;
      for (auto it = x->begin(); it != x->end(); ++it) {
        total += it.key().size() + 4;
        push(&it.value());
      }
    } else if (x->is_array()) {
      total += 2;
      for (const auto& e : *x) {
        total += 1;
        push(&e);
      }
    } else {
      total += 1;
    }
  }
  return total;
}

class validator {
 public:
  validator(report& out, const media_map& media) : out_(out), media_(media) {}

  void run(const nlohmann::json& j, std::optional<std::uint64_t> text_bytes) {
    if (!j.is_object()) {
      out_.add(code::not_an_object, "", "the request body must be a JSON object; found " + type_name(j));
      return;
    }
    body_ = &j;
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::size_t i = field_slot(it.key());
      if (i < slots_.size()) {
        slots_[i] = &it.value();
        ++known_fields_;
      }
    }
    check_model();
    check_unknown_fields();
    for (media_kind k : kinds) check_media_array(k);
    check_prompt();
    check_duration();
    check_enum<quality>(field::quality);
    check_enum<aspect_ratio>(field::aspect_ratio);
    check_boolean(field::generate_audio);
    check_boolean(field::content_filter);
    check_callback();
    check_model_params();
    check_media_counts();
    check_body_size(text_bytes);
    if (!media_.empty()) check_media_properties();
  }

 private:
  static constexpr std::array<media_kind, 3> kinds{media_kind::image, media_kind::video, media_kind::audio};

  /// The index of a top-level field in `request_fields`, or request_fields.size().
  static std::size_t field_slot(std::string_view key) noexcept {
    return static_cast<std::size_t>(std::find(request_fields.begin(), request_fields.end(), key) - request_fields.begin());
  }

  /// The value of top-level field `key` (one of request_fields), or nullptr when absent.
  const nlohmann::json* find(std::string_view key) const noexcept {
    const std::size_t i = field_slot(key);
    return i < slots_.size() ? slots_[i] : nullptr;
  }

  void wrong_type(std::string path, std::string_view name, std::string_view expected, const nlohmann::json& v) {
    out_.add(code::wrong_type, std::move(path),
             std::string(name) + " must be " + std::string(expected) + "; found " + type_name(v));
  }

  std::string model_name() const { return model_ ? "model " + std::string(model_->id) : std::string("this model"); }

  void check_model() {
    const nlohmann::json* v = find(field::model);
    if (!v) {
      out_.add(code::missing_field, pointer(field::model), "the required field model is absent");
      return;
    }
    if (!v->is_string()) {
      wrong_type(pointer(field::model), field::model, "a string (a model id)", *v);
      return;
    }
    const auto& id = v->get_ref<const std::string&>();
    model_ = find_model(id);
    if (!model_) {
      std::vector<std::string_view> ids;
      for (const model_info& m : model_catalog) ids.push_back(m.id);
      out_.add(code::unknown_model, pointer(field::model),
               "model " + show_text(id) + " is not a Seedance 2.0 model; the closest id is " +
                   std::string(closest(id, ids)));
    }
  }

  void check_unknown_fields() {
    if (known_fields_ == body_->size()) return;
    for (auto it = body_->begin(); it != body_->end(); ++it) {
      const std::string& key = it.key();
      if (field_slot(key) < request_fields.size()) continue;
      const std::string_view near = closest(key, request_fields, std::max<std::size_t>(2, key.size() / 3));
      out_.add(code::unknown_field, pointer(key),
               "the API defines no field " + show_text(key) +
                   (near.empty() ? std::string() : " (did you mean " + std::string(near) + "?)") +
                   "; it will be ignored or rejected");
    }
  }

  void check_media_array(media_kind k) {
    const auto ki = static_cast<std::size_t>(k);
    const std::string_view name = urls_field(k);
    const nlohmann::json* v = find(name);
    if (!v) return;
    if (!v->is_array()) {
      wrong_type(pointer(name), name, "an array of URL strings", *v);
      count_known_[ki] = false;
      return;
    }
    count_[ki] = v->size();
    for (std::size_t i = 0; i < v->size(); ++i) {
      const nlohmann::json& item = (*v)[i];
      if (!item.is_string()) {
        wrong_type(pointer(name, i), std::string(name) + " items", "URL strings", item);
        continue;
      }
      check_media_url(k, i, item.get_ref<const std::string&>());
    }
  }

  void check_media_url(media_kind k, std::size_t index, const std::string& s) {
    const auto path = [&] { return pointer(urls_field(k), index); };
    if (iequals_prefix(s, "data:")) {
      out_.add(code::base64_media, path(),
               "media must be a URL that the provider fetches; data: URIs (Base64-encoded media) are not accepted");
      return;
    }
    const url_result u = parse_url(s);
    if (!u) {
      out_.add(code::invalid_url, path(), show_text(s) + " is not an absolute URL with a scheme and a host: " + u.message);
      return;
    }
    if (is_internal_host(*u.url)) {
      out_.add(code::url_not_public, path(),
               "host " + show_text(u.url->host) + " is loopback, private or otherwise internal: the provider cannot fetch " +
                   show_text(s));
    }
    const std::string ext = path_extension(*u.url);
    const media_rules& r = rules_for(k);
    if (!ext.empty() && std::find(r.extensions.begin(), r.extensions.end(), ext) == r.extensions.end()) {
      out_.add(code::media_extension, path(),
               "the URL's path ends in ." + ext + "; " + std::string(urls_field(k)) + " accept " + extensions_of(r));
    }
  }

  void check_prompt() {
    const nlohmann::json* v = find(field::prompt);
    if (!v) {
      out_.add(code::missing_field, pointer(field::prompt), "the required field prompt is absent");
      return;
    }
    if (!v->is_string()) {
      wrong_type(pointer(field::prompt), field::prompt, "a string", *v);
      return;
    }
    const std::string& p = v->get_ref<const std::string&>();
    const prompt_stats st = measure_prompt(p);
    const auto path = [&] { return pointer(field::prompt); };
    if (!st.valid_utf8) {
      out_.add(code::invalid_utf8, path(), "the prompt is not valid UTF-8");
      return;
    }
    if (st.blank) {
      out_.add(code::prompt_empty, path(),
               p.empty() ? std::string("the prompt is empty") : "the prompt has only white space (" + std::to_string(st.code_points) + " characters)");
      return;
    }
    if (st.min_tokens() > limits::prompt_max_tokens) {
      out_.add(code::prompt_too_long, path(),
               "the prompt is at least " + std::to_string(st.min_tokens()) + " tokens long for any tokenizer, over the " +
                   std::to_string(limits::prompt_max_tokens) + "-token limit");
    } else if (st.over_recommendation()) {
      out_.add(code::prompt_long, path(),
               "the prompt has " + std::to_string(st.cjk) + " CJK characters and " + std::to_string(st.words) +
                   " words, over the recommended " + std::to_string(limits::prompt_recommended_cjk_chars) +
                   " CJK characters or " + std::to_string(limits::prompt_recommended_words) + " words");
    }
    check_prompt_tags(p);
  }

 public:
  static prompt_stats measure_prompt(std::string_view p) {
    prompt_stats st;
    st.bytes = p.size();
    bool in_run = false, in_word = false, word_has_alnum = false;
    const auto end_word = [&] {
      if (in_word && word_has_alnum) ++st.words;
      in_word = false;
      word_has_alnum = false;
    };
    st.valid_utf8 = for_each_code_point(p, [&](char32_t c) {
      ++st.code_points;
      if (is_blank(c)) {
        in_run = false;
        end_word();
        return;
      }
      st.blank = false;
      if (!in_run) {
        ++st.runs;
        in_run = true;
      }
      if (is_cjk(c)) {
        ++st.cjk;
        end_word();
        return;
      }
      in_word = true;
      if (is_word_char(c)) word_has_alnum = true;
    });
    end_word();
    return st;
  }

 private:
  void check_prompt_tags(std::string_view p) {
    // @image3, @video1, @audio2: 1-based references to the arrays, case-insensitive.
    std::vector<std::string> reported;
    for (std::size_t at = p.find('@'); at != std::string_view::npos; at = p.find('@', at + 1)) {
      for (media_kind k : kinds) {
        const std::string_view word = to_string(k);
        if (!iequals_prefix(p.substr(at + 1), word)) continue;
        std::size_t i = at + 1 + word.size(), digits = 0;
        std::uint64_t n = 0;
        while (i < p.size() && p[i] >= '0' && p[i] <= '9' && digits < 9) {
          n = n * 10 + static_cast<unsigned>(p[i] - '0');
          ++i;
          ++digits;
        }
        if (digits == 0) continue;
        const auto ki = static_cast<std::size_t>(k);
        if (!count_known_[ki] || (n >= 1 && n <= count_[ki])) continue;
        std::string tag = "@" + std::string(word) + std::to_string(n);
        if (std::find(reported.begin(), reported.end(), tag) != reported.end()) continue;
        out_.add(code::prompt_tag_out_of_range, pointer(field::prompt),
                 "the prompt names " + tag + " but " + std::string(urls_field(k)) + " has " +
                     std::to_string(count_[ki]) + (count_[ki] == 1 ? " entry" : " entries") + " (tags are 1-based)");
        reported.push_back(std::move(tag));
      }
    }
  }

  void check_duration() {
    const nlohmann::json* v = find(field::duration);
    if (!v) return;
    const auto path = [&] { return pointer(field::duration); };
    const auto range = [] { return range_text(limits::duration); };
    if (v->is_number_integer()) {
      const bool in = v->is_number_unsigned() ? v->get<std::uint64_t>() <= static_cast<std::uint64_t>(limits::duration.max) &&
                                                    limits::duration.contains(static_cast<long long>(v->get<std::uint64_t>()))
                                              : limits::duration.contains(v->get<long long>());
      if (!in) out_.add(code::duration_out_of_range, path(), "duration " + v->dump() + " is outside " + range() + " seconds");
    } else if (v->is_number_float()) {
      out_.add(code::duration_out_of_range, path(),
               "duration " + v->dump() + " is not a whole number of seconds in " + range() + " (write it without a fraction or exponent)");
    } else {
      wrong_type(path(), field::duration, "an integer number of seconds", *v);
    }
  }

  template <spec_enum E>
  void check_enum(std::string_view name) {
    const nlohmann::json* v = find(name);
    if (!v) return;
    const auto path = [&] { return pointer(name); };
    if (!v->is_string()) {
      wrong_type(path(), name, "a string", *v);
      return;
    }
    const auto& s = v->get_ref<const std::string&>();
    const std::optional<E> e = parse<E>(s);
    if (!e) {
      out_.add(code::invalid_enum, path(), std::string(name) + " " + show_text(s) + " is not one of " + wire_list<E>());
      return;
    }
    if constexpr (std::is_same_v<E, quality>) {
      if (model_ && !model_->supports(*e)) {
        out_.add(code::quality_unsupported, path(),
                 model_name() + " offers " + qualities_of(*model_) + "; found " + std::string(to_string(*e)));
      }
    }
  }

  void check_boolean(std::string_view name) {
    const nlohmann::json* v = find(name);
    if (v && !v->is_boolean()) wrong_type(pointer(name), name, "true or false", *v);
  }

  void check_callback() {
    const nlohmann::json* v = find(field::callback_url);
    if (!v) return;
    const auto path = [&] { return pointer(field::callback_url); };
    if (!v->is_string()) {
      wrong_type(path(), field::callback_url, "a string (an https URL)", *v);
      return;
    }
    const auto& s = v->get_ref<const std::string&>();
    const std::size_t chars = length_in_chars(s);
    if (chars > limits::callback_url_max_chars) {
      out_.add(code::callback_too_long, path(),
               "callback_url is " + std::to_string(chars) + " characters long, over the limit of " +
                   std::to_string(limits::callback_url_max_chars));
    }
    const url_result u = parse_url(s);
    if (!u) {
      out_.add(code::invalid_url, path(), show_text(s) + " is not an absolute URL with a scheme and a host: " + u.message);
      return;
    }
    if (u.url->scheme != "https")
      out_.add(code::callback_not_https, path(), "callback_url must use https; found scheme " + show_text(u.url->scheme));
    if (is_internal_host(*u.url))
      out_.add(code::callback_private_host, path(),
               "callback_url host " + show_text(u.url->host) + " is an internal address; the provider refuses callbacks to it");
  }

  void check_model_params() {
    const nlohmann::json* v = find(field::model_params);
    if (!v) return;
    const auto path = [&] { return pointer(field::model_params); };
    if (!v->is_object()) {
      wrong_type(path(), field::model_params, "an object", *v);
      return;
    }
    for (auto it = v->begin(); it != v->end(); ++it) {
      const std::string& key = it.key();
      const auto kpath = [&] { return path() + pointer(key); };
      if (key != field::web_search) {
        out_.add(code::unknown_field, kpath(),
                 "model_params defines no key " + show_text(key) + " (it has " + std::string(field::web_search) + ")");
        continue;
      }
      if (!it.value().is_boolean()) {
        wrong_type(kpath(), field::web_search, "true or false", it.value());
        continue;
      }
      if (!model_ || model_->web_search) continue;
      if (it.value().get<bool>()) {
        out_.add(code::web_search_unsupported, kpath(),
                 model_name() + " has no web search (only the standard and fast text-to-video models do)");
      } else {
        out_.add(code::field_ignored, kpath(), model_name() + " has no web search; web_search: false is ignored");
      }
    }
  }

  void check_media_counts() {
    if (!model_) return;
    const auto img = static_cast<std::size_t>(media_kind::image);
    const auto vid = static_cast<std::size_t>(media_kind::video);
    const auto aud = static_cast<std::size_t>(media_kind::audio);
    for (media_kind k : kinds) {
      const auto ki = static_cast<std::size_t>(k);
      const count_range range = model_->media(k);
      const std::string_view name = urls_field(k);
      const bool present = find(name) != nullptr;
      if (!count_known_[ki]) continue;
      const std::size_t n = count_[ki];
      if (!range.allowed()) {
        if (n > 0) {
          out_.add(code::media_unsupported, pointer(name),
                   model_name() + " takes no " + std::string(name) + "; found " + std::to_string(n));
        } else if (present) {
          out_.add(code::field_ignored, pointer(name), model_name() + " takes no " + std::string(name) + "; the empty array is ignored");
        }
        continue;
      }
      if (n > range.max) {
        out_.add(code::too_many_media, pointer(name),
                 model_name() + " takes at most " + std::to_string(range.max) + " " + std::string(name) + "; found " +
                     std::to_string(n));
      } else if (n < range.min) {
        out_.add(code::too_few_media, pointer(name),
                 model_name() + " needs " + std::to_string(range.min) + ".." + std::to_string(range.max) + " " +
                     std::string(name) + " (the first frame, then optionally the last); found " + std::to_string(n));
      }
    }
    const bool all_known = count_known_[img] && count_known_[vid] && count_known_[aud];
    if (model_->audio_needs_visual && all_known && count_[aud] > 0 && count_[img] == 0 && count_[vid] == 0) {
      out_.add(code::audio_needs_visual, pointer(field::audio_urls),
               model_name() + " needs at least one image or video alongside audio; found " + std::to_string(count_[aud]) +
                   " audio and no image or video");
    }
    if (model_->mode == mode::reference_to_video && all_known && count_[img] + count_[vid] + count_[aud] == 0) {
      out_.add(code::reference_missing, "",
               model_name() + " is a reference-to-video model but the request has no reference media; a text-to-video model may be meant");
    }
  }

  void check_body_size(std::optional<std::uint64_t> text_bytes) {
    const std::uint64_t size = text_bytes ? *text_bytes : serialized_size_lower_bound(*body_);
    if (size > limits::body_max_bytes) {
      out_.add(code::body_too_large, "",
               "the request body is " + std::string(text_bytes ? "" : "at least ") + std::to_string(size) + " bytes (" +
                   mebibytes(size) + "), over the " + mebibytes(limits::body_max_bytes) + " limit");
    }
  }

  // --- media properties (rules.md section 3) ------------------------------------------------------

  const media_properties* lookup(const nlohmann::json& item) const {
    if (!item.is_string()) return nullptr;
    auto it = media_.find(item.get_ref<const std::string&>());
    return it == media_.end() ? nullptr : &it->second;
  }

  void check_media_properties() {
    for (media_kind k : kinds) {
      const nlohmann::json* arr = find(urls_field(k));
      if (!arr || !arr->is_array()) continue;
      double total = 0;
      bool any = false;
      for (std::size_t i = 0; i < arr->size(); ++i) {
        const media_properties* p = lookup((*arr)[i]);
        if (!p) continue;
        const std::string path = pointer(urls_field(k), i);
        if (p->index() != static_cast<std::size_t>(k)) {
          // The file is another kind of media than the array says: its format is the problem.
          const std::optional<media_format> f = std::visit([](const auto& x) { return x.format; }, *p);
          if (f) format_error(k, path, *f);
          continue;
        }
        if (const auto* img = std::get_if<image_properties>(p)) check_image(path, *img);
        if (const auto* vid = std::get_if<video_properties>(p)) {
          check_video(path, *vid);
          if (vid->duration) total += *vid->duration, any = true;
        }
        if (const auto* aud = std::get_if<audio_properties>(p)) {
          check_audio(path, *aud);
          if (aud->duration) total += *aud->duration, any = true;
        }
      }
      const media_rules& r = rules_for(k);
      if (any && r.total_duration_s > 0 && total > static_cast<double>(r.total_duration_s)) {
        out_.add(k == media_kind::video ? code::video_total_duration : code::audio_total_duration, pointer(urls_field(k)),
                 "the " + std::string(to_string(k)) + "s last " + number(total) + " s together, over the " +
                     std::to_string(r.total_duration_s) + " s limit");
      }
    }
    check_last_frame();
  }

  void format_error(media_kind k, const std::string& path, media_format f) {
    const code c = k == media_kind::image ? code::image_format : k == media_kind::video ? code::video_format : code::audio_format;
    out_.add(c, path,
             "the " + std::string(to_string(k)) + " is " + std::string(to_string(f)) + "; " + std::string(urls_field(k)) +
                 " accept " + formats_of(rules_for(k)));
  }

  struct visual_codes {
    code dimensions, aspect;
  };

  void check_size(media_kind k, const std::string& path, std::optional<std::uint32_t> w, std::optional<std::uint32_t> h,
                  visual_codes c) {
    const media_rules& r = rules_for(k);
    const auto side_ok = [&](std::uint32_t v) { return r.side_px.contains(v); };
    if ((w && !side_ok(*w)) || (h && !side_ok(*h))) {
      out_.add(c.dimensions, path,
               "the " + std::string(to_string(k)) + " is " + (w ? std::to_string(*w) : std::string("?")) + "x" +
                   (h ? std::to_string(*h) : std::string("?")) + " px; width and height must each be within " +
                   range_text(r.side_px) + " px");
    }
    if (w && h && *h > 0 && !r.aspect.contains(*w, *h)) {
      out_.add(c.aspect, path,
               "the " + std::string(to_string(k)) + "'s aspect ratio " + std::to_string(*w) + "/" + std::to_string(*h) + " = " +
                   number(static_cast<double>(*w) / *h) + " is outside " +
                   number(static_cast<double>(r.aspect.min.num) / static_cast<double>(r.aspect.min.den)) + ".." +
                   number(static_cast<double>(r.aspect.max.num) / static_cast<double>(r.aspect.max.den)));
    }
  }

  void check_bytes(media_kind k, const std::string& path, std::optional<std::uint64_t> bytes, code c) {
    const media_rules& r = rules_for(k);
    if (bytes && *bytes > r.max_bytes) {
      out_.add(c, path,
               "the " + std::string(to_string(k)) + " file is " + std::to_string(*bytes) + " bytes (" + mebibytes(*bytes) +
                   "), over the " + mebibytes(r.max_bytes) + " limit");
    }
  }

  void check_duration_of(media_kind k, const std::string& path, std::optional<double> d, code c) {
    const media_rules& r = rules_for(k);
    if (d && !(*d >= static_cast<double>(r.duration_s.min) && *d <= static_cast<double>(r.duration_s.max))) {
      out_.add(c, path,
               "the " + std::string(to_string(k)) + " lasts " + number(*d) + " s; each must last " + range_text(r.duration_s) + " s");
    }
  }

  void check_image(const std::string& path, const image_properties& p) {
    if (p.format && !rules_for(media_kind::image).accepts(*p.format)) format_error(media_kind::image, path, *p.format);
    check_size(media_kind::image, path, p.width, p.height, {code::image_dimensions, code::image_aspect_ratio});
    check_bytes(media_kind::image, path, p.bytes, code::image_too_large);
  }

  void check_video(const std::string& path, const video_properties& p) {
    const media_rules& r = rules_for(media_kind::video);
    if (p.format && !r.accepts(*p.format)) format_error(media_kind::video, path, *p.format);
    check_size(media_kind::video, path, p.width, p.height, {code::video_dimensions, code::video_aspect_ratio});
    if (p.width && p.height) {
      const auto pixels = static_cast<long long>(*p.width) * static_cast<long long>(*p.height);
      if (!r.pixels.contains(pixels)) {
        out_.add(code::video_pixel_count, path,
                 "the video has " + std::to_string(pixels) + " pixels (" + std::to_string(*p.width) + "x" +
                     std::to_string(*p.height) + "); width x height must be within " + range_text(r.pixels));
      }
    }
    if (p.fps && !(*p.fps >= static_cast<double>(r.fps.min) && *p.fps <= static_cast<double>(r.fps.max))) {
      out_.add(code::video_fps, path, "the video runs at " + number(*p.fps) + " fps; it must be within " + range_text(r.fps) + " fps");
    }
    check_duration_of(media_kind::video, path, p.duration, code::video_duration);
    check_bytes(media_kind::video, path, p.bytes, code::video_too_large);
  }

  void check_audio(const std::string& path, const audio_properties& p) {
    if (p.format && !rules_for(media_kind::audio).accepts(*p.format)) format_error(media_kind::audio, path, *p.format);
    check_duration_of(media_kind::audio, path, p.duration, code::audio_duration);
    check_bytes(media_kind::audio, path, p.bytes, code::audio_too_large);
  }

  void check_last_frame() {
    if (!model_ || model_->mode != mode::image_to_video) return;
    const nlohmann::json* arr = find(field::image_urls);
    if (!arr || !arr->is_array() || arr->size() != 2) return;
    const auto* a = lookup((*arr)[0]);
    const auto* b = lookup((*arr)[1]);
    const auto* first = a ? std::get_if<image_properties>(a) : nullptr;
    const auto* last = b ? std::get_if<image_properties>(b) : nullptr;
    if (!first || !last || !first->width || !first->height || !last->width || !last->height) return;
    if (static_cast<std::uint64_t>(*first->width) * *last->height != static_cast<std::uint64_t>(*last->width) * *first->height) {
      out_.add(code::last_frame_cropped, pointer(field::image_urls, 1),
               "the last frame is " + std::to_string(*last->width) + "x" + std::to_string(*last->height) +
                   " and the first " + std::to_string(*first->width) + "x" + std::to_string(*first->height) +
                   ": their aspect ratios differ, so the last frame will be cropped to the first's");
    }
  }

  // media_properties holds the kinds in media_kind order: index() is the kind.
  static_assert(std::is_same_v<std::variant_alternative_t<0, media_properties>, image_properties> &&
                std::is_same_v<std::variant_alternative_t<1, media_properties>, video_properties> &&
                std::is_same_v<std::variant_alternative_t<2, media_properties>, audio_properties>);

  report& out_;
  const media_map& media_;
  const nlohmann::json* body_ = nullptr;
  std::array<const nlohmann::json*, request_fields.size()> slots_{};  // top-level fields, by request_fields index
  std::size_t known_fields_ = 0;
  const model_info* model_ = nullptr;
  std::array<std::size_t, 3> count_{};               // items per media array (0 when absent)
  std::array<bool, 3> count_known_{true, true, true};  // false when the array has the wrong type
};

/// Runs the validator, turning anything thrown (only std::bad_alloc can be) into a diagnostic.
inline void run_guarded(report& r, const nlohmann::json& j, const media_map& media, std::optional<std::uint64_t> text_bytes) {
  try {
    validator(r, media).run(j, text_bytes);
  } catch (const std::exception& e) {
    r.add(code::invalid_json, "", std::string("validation stopped: ") + e.what());
  }
}

}  // namespace detail

/// Measures a prompt as the prompt rules do (exposed for tools and tests).
[[nodiscard]] inline prompt_stats measure_prompt(std::string_view prompt) { return detail::validator::measure_prompt(prompt); }

/// Validates a parsed request body against every rule of rules.md section 2, and section 3 for
/// the media whose properties `media` gives (by URL, as written in the request). Never throws.
[[nodiscard]] inline report validate(const nlohmann::json& body, const media_map& media = {}) noexcept {
  report r;
  try {
    detail::run_guarded(r, body, media, std::nullopt);
  } catch (...) {
  }
  return r;
}

/// Validates a request body given as JSON text: as above, plus `invalid_json` (with the byte
/// offset) for text that does not parse, `duplicate_key` for a top-level key given twice, and
/// `body_too_large` from the text's own size. Text over the body limit is not parsed. Never throws.
[[nodiscard]] inline report validate(std::string_view text, const media_map& media = {}) noexcept {
  report r;
  try {
    if (text.size() > limits::body_max_bytes) {
      r.add(code::body_too_large, "",
            "the request body is " + std::to_string(text.size()) + " bytes (" + detail::mebibytes(text.size()) + "), over the " +
                detail::mebibytes(limits::body_max_bytes) + " limit; it was not parsed further");
      return r;
    }
    std::vector<std::string> keys;
    std::vector<std::string> duplicates;
    const nlohmann::json::parser_callback_t cb = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
      if (depth == 1 && event == nlohmann::json::parse_event_t::key && parsed.is_string()) {
        const auto& k = parsed.get_ref<const std::string&>();
        if (std::find(keys.begin(), keys.end(), k) != keys.end()) {
          if (std::find(duplicates.begin(), duplicates.end(), k) == duplicates.end()) duplicates.push_back(k);
        } else if (keys.size() < 64) {
          keys.push_back(k);
        }
      }
      return true;
    };
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(text.begin(), text.end(), cb);
    } catch (const nlohmann::json::parse_error& e) {
      // nlohmann: "[json.exception.parse_error.101] parse error at line L, column C: <reason>"
      std::string what = e.what(), where;
      if (const auto at = what.find("at line "); at != std::string::npos) {
        const auto colon = what.find(": ", at);
        where = ", " + what.substr(at + 3, colon == std::string::npos ? std::string::npos : colon - at - 3);
        if (colon != std::string::npos) what = what.substr(colon + 2);
      }
      const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;  // nlohmann counts bytes read, from 1
      r.add(code::invalid_json, "",
            "the body is not valid JSON (byte offset " + std::to_string(offset) + where + "): " + what,
            position_of(text, offset));
      return r;
    } catch (const nlohmann::json::exception& e) {
      r.add(code::invalid_json, "", std::string("the body is not valid JSON: ") + e.what());
      return r;
    }
    for (const std::string& k : duplicates)
      r.add(code::duplicate_key, detail::pointer(k), "the key " + detail::show_text(k) + " appears more than once; the last value is used");
    detail::run_guarded(r, j, media, text.size());
    if (!r.empty()) r.locate_in(text);
  } catch (...) {
  }
  return r;
}

/// Text given as `const char*` or `std::string` is JSON text (not a JSON string value).
[[nodiscard]] inline report validate(const char* text, const media_map& media = {}) noexcept {
  return validate(std::string_view(text ? text : ""), media);
}
[[nodiscard]] inline report validate(const std::string& text, const media_map& media = {}) noexcept {
  return validate(std::string_view(text), media);
}

/// Validates a request body given as fields (e.g. read with `from_json` or built by hand).
[[nodiscard]] inline report validate(const request_body& body, const media_map& media = {}) noexcept {
  nlohmann::json j;
  try {
    j = body;
  } catch (...) {
    report r;
    try {
      r.add(code::invalid_json, "", "validation stopped: out of memory");
    } catch (...) {
    }
    return r;
  }
  return validate(j, media);
}

/// Validates a typed request: the rules the compiler could not decide (values set at run time,
/// run-time lists, URLs, the prompt) and, with `media`, the media rules.
template <model_type M, std::size_t I, std::size_t V, std::size_t A>
[[nodiscard]] report validate(const request<M, I, V, A>& r, const media_map& media = {}) noexcept {
  return validate(r.body(), media);
}

}  // namespace seedance

#endif  // SEEDANCE_VALIDATE_HPP

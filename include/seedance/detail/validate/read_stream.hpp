// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/validate.hpp> (include that, not this header): the text as the validator's events, read once as nlohmann/json SAX events, with no DOM.
#ifndef SEEDANCE_VALIDATE_HPP
#error "include <seedance/validate.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_VALIDATE_READ_STREAM_HPP
#define SEEDANCE_DETAIL_VALIDATE_READ_STREAM_HPP

namespace seedance::detail::validate {

/// The most items any model takes in one media array: a kept body (event_reader) holds no more,
/// since a request with more is invalid on every model.
inline constexpr std::size_t max_kept_items = [] {
  std::size_t n = 0;
  for (const model_info& m : model_catalog)
    for (media_kind k : {media_kind::image, media_kind::video, media_kind::audio}) n = std::max<std::size_t>(n, m.media(k).max);
  return n;
}();

/// A SAX handler for nlohmann/json that tells a validator what the text holds as it is read, and
/// keeps only what the rules read after the last key: the values of the top-level fields other
/// than the media arrays and model_params (structured ones as empty stand-ins), the last
/// model_params.web_search. Media items, unknown keys and nested values are checked or counted as
/// they pass, never stored; memory is the token buffer of nlohmann's lexer plus these fields.
/// With `keep`, it also keeps the URL strings of the media arrays (up to max_kept_items each), to
/// give the fields the API defines as a small body (known_body).
class event_reader {
 public:
  using json = nlohmann::json;
  event_reader(validator& v, duplicate_keys& dups, bool keep) noexcept : v_(v), dups_(dups), keep_(keep) {}
  event_reader(const event_reader&) = delete;
  event_reader& operator=(const event_reader&) = delete;
  ~event_reader() = default;

  parse_failure error;  ///< the first error, when parsing failed
  /// The body is a JSON object (else the validator was told not_an_object).
  [[nodiscard]] bool object() const noexcept { return object_; }

  bool null() { return scalar(json()); }
  bool boolean(bool b) { return scalar(json(b)); }
  bool number_integer(json::number_integer_t n) { return scalar(json(n)); }
  bool number_unsigned(json::number_unsigned_t n) { return scalar(json(n)); }
  bool number_float(json::number_float_t d, const json::string_t&) { return scalar(json(d)); }
  bool binary(json::binary_t&) { return true; }  // JSON text has none
  bool string(json::string_t& s) {
    if (depth_ == 1) {
      // A long value (the prompt) is taken from the lexer, a short one copied (the lexer keeps its buffer).
      if (at_ == place::field) {
        json v = s.size() > 64 ? json(std::move(s)) : json(s);
        top_value(json::value_t::string, &v);
      } else {
        top_value(json::value_t::string, nullptr);
      }
    } else if (depth_ == 2 && at_ == place::media && in_array_) {
      v_.media_item(kind_, &s, json::value_t::string);
      auto& kept = kept_[static_cast<std::size_t>(kind_)];
      if (keep_ && kept.size() <= max_kept_items) kept.push_back(s);
    } else if (depth_ == 2 && at_ == place::params && in_object_) {
      v_.param(param_key_, param_key_ == field::web_search ? json(s) : json());
    } else if (depth_ == 0) {
      v_.not_an_object(json::value_t::string);
    }
    return true;
  }
  bool start_object(std::size_t) { return open(json::value_t::object); }
  bool start_array(std::size_t) { return open(json::value_t::array); }
  bool end_object() {
    --depth_;
    return true;
  }
  bool end_array() {
    --depth_;
    return true;
  }
  bool key(json::string_t& k) {
    if (depth_ > 2) return true;
    if (depth_ == 2) {
      dups_.key(2, k);
      if (at_ == place::params) param_key_ = k;
      return true;
    }
    field_ = field_index::of(k);
    dups_.key(1, k, field_);
    if (field_ >= request_fields.size()) {
      at_ = place::other;
      v_.unknown_field(k);
      return true;
    }
    const std::string_view name = request_fields[field_];
    if (const std::optional<media_kind> m = media_of_field(name)) {
      at_ = place::media;
      kind_ = *m;
    } else {
      at_ = name == field::model_params ? place::params : place::field;
    }
    return true;
  }
  bool parse_error(std::size_t position, const std::string& last_token, const json::exception& ex) {
    return error.record(position, last_token, ex);
  }

  /// The fields the API defines, as read (the last value of a key given twice), without unknown
  /// keys: enough for the estimate. Call once, after a parse that succeeded.
  [[nodiscard]] json known_body() {
    json body = json::object();
    try {
      fill(body);
    } catch (...) {
      dismantle(body);  // its destructor must not allocate (see dismantle)
      throw;
    }
    return body;
  }

 private:
  void fill(json& body) {
    for (std::size_t i = 0; i < request_fields.size(); ++i) {
      const std::string_view name = request_fields[i];
      if (const std::optional<media_kind> m = media_of_field(name)) {
        const auto ki = static_cast<std::size_t>(*m);
        if (!media_given_[ki]) continue;
        json items = json::array();
        for (std::string& u : kept_[ki]) items.push_back(std::move(u));
        body[std::string(name)] = std::move(items);
      } else if (name == field::model_params) {
        if (!params_given_) continue;
        json params = json::object();
        if (web_search_) params[std::string(field::web_search)] = *web_search_;
        body[std::string(name)] = std::move(params);
      } else if (given_[i]) {
        body[std::string(name)] = std::move(values_[i]);
      }
    }
  }

  /// What the value of the current top-level key is.
  enum class place : std::uint8_t { other, field, media, params };

  bool scalar(json v) {
    if (depth_ == 0) {
      v_.not_an_object(v.type());
    } else if (depth_ == 1) {
      top_value(v.type(), &v);
    } else if (depth_ == 2 && at_ == place::media && in_array_) {
      v_.media_item(kind_, nullptr, v.type());
    } else if (depth_ == 2 && at_ == place::params && in_object_) {
      if (param_key_ == field::web_search && keep_ && v.is_boolean()) web_search_ = v.get<bool>();
      v_.param(param_key_, param_key_ == field::web_search ? v : json());
    }
    return true;
  }

  /// The value of the current top-level key, of type `t`: `v` for a field (null: an empty
  /// stand-in of type `t`, which is all the rules read of a structured value).
  void top_value(json::value_t t, json* v) {
    switch (at_) {
      case place::field:
        given_[field_] = true;
        values_[field_] = v ? std::move(*v) : json(t);
        v_.field(field_, &values_[field_]);
        break;
      case place::media: {
        const auto ki = static_cast<std::size_t>(kind_);
        in_array_ = t == json::value_t::array;
        media_given_[ki] = in_array_;
        kept_[ki].clear();
        v_.media_begin(kind_, t);
        break;
      }
      case place::params:
        in_object_ = t == json::value_t::object;
        params_given_ = in_object_;
        web_search_.reset();
        v_.params_begin(t);
        break;
      case place::other: break;
    }
  }

  bool open(json::value_t t) {
    // Over the nesting bound: stop (stream_request reports where, as the scan of the DOM path does;
    // the text up to here parsed, so the scan finds this very bracket).
    if (depth_ == validation_bounds::max_json_depth) return false;
    if (depth_ == 0) {
      object_ = t == json::value_t::object;
      if (!object_) v_.not_an_object(t);
    } else if (depth_ == 1) {
      // Only its type is read: an empty stand-in (the items of a media array and the keys of
      // model_params come as events of their own).
      top_value(t, nullptr);
    } else if (depth_ == 2 && at_ == place::media && in_array_) {
      v_.media_item(kind_, nullptr, t);
    } else if (depth_ == 2 && at_ == place::params && in_object_) {
      v_.param(param_key_, param_key_ == field::web_search ? json(t) : json());
    }
    ++depth_;
    return true;
  }

  validator& v_;
  duplicate_keys& dups_;
  bool keep_;
  bool object_ = false;
  std::size_t depth_ = 0;  // open arrays and objects (at most max_json_depth: open)
  place at_ = place::other;
  std::size_t field_ = request_fields.size();  // the current top-level key's index in request_fields
  media_kind kind_ = media_kind::image;  // at_ == media: which array
  bool in_array_ = false;  // at_ == media: the value is an array
  bool in_object_ = false;  // at_ == params: the value is an object
  std::string param_key_;  // the current key of model_params
  std::array<json, request_fields.size()> values_{};  // the top-level fields' values (by index)
  std::array<bool, request_fields.size()> given_{};
  // with keep_: what known_body gives
  std::array<std::vector<std::string>, 3> kept_;
  std::array<bool, 3> media_given_{};
  bool params_given_ = false;
  std::optional<bool> web_search_;
};

/// Validates JSON text in one pass of nlohmann/json's SAX parser (two when the model comes after
/// keys whose rules need it, or twice: see validator::needs_second_pass), after the checks of the
/// text made before any parsing (read_text.hpp). With `keep` and a valid request, `*keep` gets the
/// fields the API defines (event_reader::known_body).
inline void stream_request(std::string_view text, const media_map& media, const validate_options& options, report& r,
                           std::optional<nlohmann::json>* keep = nullptr) {
  // The nesting is bounded by the reader (event_reader::open), not by a scan of the whole text.
  if (!text_checks(text, r, false)) return;
  std::optional<const model_info*> preset;
  for (;;) {
    report out;
    duplicate_keys dups;
    validator v(out, media, text, options);
    v.strings_are_valid_utf8();
    if (preset) v.preset_model(*preset);
    event_reader reader(v, dups, keep != nullptr);
    if (!nlohmann::json::sax_parse(text.begin(), text.end(), &reader)) {
      report failed;
      if (reader.error.failed) add_parse_failure(failed, text, reader.error);
      else if (const std::size_t at = nesting_overflow(text, validation_bounds::max_json_depth); at != std::string_view::npos)
        add_nesting_failure(text, at, failed);  // the reader stopped at the bound
      else  // not reached: the text up to where the reader stopped parsed, so the scan sees its depth
        failed.add(code::invalid_json, "", "the body nests deeper than this library's bound");
      r = std::move(failed);
      return;
    }
    if (reader.object()) {
      dups.report_to(out);
      v.finish(text.size(), true);
      if (!preset && v.needs_second_pass()) {
        preset = v.model();
        continue;
      }
    }
    r = std::move(out);
    if (keep && reader.object() && r.ok()) keep->emplace(reader.known_body());
    break;
  }
  if (!r.empty()) r.locate_in(text);
}

}  // namespace seedance::detail::validate

#endif  // SEEDANCE_DETAIL_VALIDATE_READ_STREAM_HPP

// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/validate.hpp> (include that, not this header): reading JSON text once: syntax errors with positions, nesting and NUL bounds, duplicate keys.
#ifndef SEEDANCE_VALIDATE_HPP
#error "include <seedance/validate.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_VALIDATE_READ_TEXT_HPP
#define SEEDANCE_DETAIL_VALIDATE_READ_TEXT_HPP

namespace seedance::detail::validate {

// --- reading the text ----------------------------------------------------------------------------

/// The first error nlohmann/json reported to a SAX handler: where (bytes read, from 1, as nlohmann
/// counts), the token, and the exception's id and text.
struct parse_failure {
  bool failed = false;
  std::size_t bytes_read = 0;
  std::string token;
  int id = 0;
  std::string what;
  bool record(std::size_t position, const std::string& last_token, const nlohmann::json::exception& ex) {
    failed = true;
    bytes_read = position;
    token = last_token;
    id = ex.id;
    what = ex.what();
    return false;  // stop parsing
  }
};

/// A SAX handler for nlohmann/json that builds nothing and keeps the first error (to learn where a
/// text that is already known to be bad goes wrong first).
struct first_error_handler {
  using json = nlohmann::json;
  parse_failure error;
  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(json::number_integer_t) { return true; }
  bool number_unsigned(json::number_unsigned_t) { return true; }
  bool number_float(json::number_float_t, const json::string_t&) { return true; }
  bool string(json::string_t&) { return true; }
  bool binary(json::binary_t&) { return true; }
  bool start_object(std::size_t) { return true; }
  bool key(json::string_t&) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t) { return true; }
  bool end_array() { return true; }
  bool parse_error(std::size_t position, const std::string& last_token, const json::exception& ex) {
    return error.record(position, last_token, ex);
  }
};

/// Empties `j` from the leaves up, to `max_json_depth` levels (deeper ones are left as they are).
/// nlohmann/json's destructor allocates a stack for every non-empty array or object it destroys,
/// and an allocation that fails in a destructor ends the program; an empty one costs it nothing.
/// So the JSON values that validation builds are dismantled before they are destroyed.
inline void dismantle(nlohmann::json& j, std::size_t depth = 0) noexcept {
  if (depth > validation_bounds::max_json_depth) return;
  if (auto* a = j.get_ptr<nlohmann::json::array_t*>()) {
    for (nlohmann::json& e : *a) dismantle(e, depth + 1);
    a->clear();
  } else if (auto* o = j.get_ptr<nlohmann::json::object_t*>()) {
    for (auto& member : *o) dismantle(member.second, depth + 1);
    o->clear();
  }
}

/// Adds `invalid_json` for a parse error of nlohmann/json: "[json.exception.parse_error.101] parse
/// error at line L, column C: <reason>", at the last byte it read.
inline void add_syntax_error(report& r, std::string_view text, std::size_t bytes_read, std::string what) {
  std::string where;
  if (const auto at = what.find("at line "); at != std::string::npos) {
    const auto colon = what.find(": ", at);
    where = ", " + what.substr(at + 3, colon == std::string::npos ? std::string::npos : colon - at - 3);
    if (colon != std::string::npos) what = what.substr(colon + 2);
  }
  const std::size_t offset = bytes_read > 0 ? bytes_read - 1 : 0;  // nlohmann counts bytes read, from 1
  r.add(code::invalid_json, "", "the body is not valid JSON (byte offset " + std::to_string(offset) + where + "): " + what,
        position_of(text, offset));
}

/// Adds `invalid_json` for the error that `h` found in `text`.
inline void add_parse_failure(report& r, std::string_view text, parse_failure& h) {
  if (h.id != 406) {
    add_syntax_error(r, text, h.bytes_read, std::move(h.what));
    return;
  }
  // out_of_range.406, "number overflow": the parser stops after the number, whose token it gives.
  const std::size_t start = h.bytes_read >= h.token.size() ? h.bytes_read - h.token.size() : 0;
  const text_position p = position_of(text, start);
  r.add(code::invalid_json, "",
        "the body cannot be read (byte offset " + std::to_string(start) + ", line " + std::to_string(p.line) + ", column " +
            std::to_string(p.column) + "): the number " + text::shorten(h.token, 40) +
            " is beyond the range of a double (about 1.8e308); RFC 8259 section 6 lets a parser limit the range of "
            "numbers, and this library's does",
        p);
}

/// Duplicate keys, seen while the text is parsed (the last value of each is kept): every key
/// the spec defines, at the top level and in model_params, wherever it stands; other top-level
/// keys among the first `max_tracked_other_keys`. Allocates only when there is a duplicate or an
/// unknown key.
class duplicate_keys {
 public:
  /// A key at `depth` (1: top level); `index`: its index in request_fields when the caller has it
  /// (request_fields.size() for an unknown key), npos to look it up.
  void key(int depth, const std::string& k, std::size_t index = std::string::npos) {
    if (depth == 1) {
      in_params_ = k == field::model_params;
      params_seen_ = 0;
      const std::size_t i = index == std::string::npos ? field_index::of(k) : index;
      if (i < request_fields.size()) {
        see(top_seen_, top_dup_, i, [&] { return pointer(k); });
        return;
      }
      if (std::find(others_.begin(), others_.end(), k) != others_.end()) {
        if (std::find(other_dups_.begin(), other_dups_.end(), k) == other_dups_.end()) {
          other_dups_.push_back(k);
          if (other_dups_.size() <= validation_bounds::max_repeats) found_.push_back(pointer(k));
        }
      } else if (others_.size() < validation_bounds::max_tracked_other_keys) {
        others_.push_back(k);
      }
    } else if (depth == 2 && in_params_) {
      const std::size_t i =
          static_cast<std::size_t>(std::find(model_params_fields.begin(), model_params_fields.end(), k) - model_params_fields.begin());
      if (i < model_params_fields.size()) see(params_seen_, params_dup_, i, [&] { return pointer(field::model_params) + pointer(k); });
    }
  }

  /// One duplicate_key per key given twice, in the order found, then one for the untracked rest.
  void report_to(report& r) const {
    for (const std::string& path : found_) {
      const std::string_view key = std::string_view(path).substr(path.rfind('/') + 1);
      const bool in_params = path.rfind(pointer(field::model_params) + "/", 0) == 0;
      r.add(code::duplicate_key, path,
            "the key " + text::quote(key, text::request_value) + " appears more than once" + (in_params ? " in model_params" : "") +
                "; the last value is used");
    }
    if (other_dups_.size() > validation_bounds::max_repeats) {
      r.add(code::duplicate_key, "",
            std::to_string(other_dups_.size() - validation_bounds::max_repeats) + " more keys appear more than once; only the first " +
                std::to_string(validation_bounds::max_repeats) + " are listed");
    }
  }

 private:
  /// `path()` makes the key's pointer: only for a duplicate.
  template <class Path>
  void see(std::uint32_t& seen, std::uint32_t& dup, std::size_t i, Path path) {
    const std::uint32_t bit = 1U << i;
    if ((seen & bit) != 0 && (dup & bit) == 0) {
      dup |= bit;
      found_.push_back(path());
    }
    seen |= bit;
  }

  static_assert(request_fields.size() <= 32 && model_params_fields.size() <= 32);
  std::uint32_t top_seen_ = 0, top_dup_ = 0;
  std::uint32_t params_seen_ = 0, params_dup_ = 0;  // within the current model_params object
  bool in_params_ = false;  // the last top-level key was model_params
  std::vector<std::string> others_, other_dups_;
  std::vector<std::string> found_;  // paths of the duplicates, in the order found
};

/// A SAX handler for nlohmann/json that builds the DOM as its own parser does (the last value of a
/// key given twice is kept), shows every key to `duplicate_keys`, keeps the first error with its
/// position (`1e400` too, which nlohmann's DOM parser reports without one), nests no deeper than
/// `max_json_depth` (its stack is inline: the scan before it guarantees the depth), and
/// dismantles what it built when it is destroyed (see dismantle).
class dom_builder {
 public:
  using json = nlohmann::json;
  explicit dom_builder(duplicate_keys& dups) noexcept : dups_(dups) {}
  dom_builder(const dom_builder&) = delete;
  dom_builder& operator=(const dom_builder&) = delete;
  ~dom_builder() { dismantle(root); }

  json root;  ///< the value read (moved out when complete)
  parse_failure error;  ///< the error, when parsing failed

  bool null() { return put(nullptr); }
  bool boolean(bool v) { return put(v); }
  bool number_integer(json::number_integer_t v) { return put(v); }
  bool number_unsigned(json::number_unsigned_t v) { return put(v); }
  bool number_float(json::number_float_t v, const json::string_t&) { return put(v); }
  bool string(json::string_t& v) { return put(v); }
  bool binary(json::binary_t& v) { return put(json::binary_t(v)); }
  bool start_object(std::size_t) { return open(json::value_t::object); }
  bool key(json::string_t& k) {
    dups_.key(static_cast<int>(depth_), k);
    member_ = &(*stack_[depth_ - 1])[k];  // an object is open: depth_ >= 1
    dismantle(*member_);  // a key given twice: its first value goes
    return true;
  }
  bool end_object() {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) { return open(json::value_t::array); }
  bool end_array() {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t position, const std::string& last_token, const json::exception& ex) {
    return error.record(position, last_token, ex);
  }

 private:
  template <class V>
  json* place(V&& v) {
    if (depth_ == 0) {
      root = json(std::forward<V>(v));
      return &root;
    }
    if (auto* a = stack_[depth_ - 1]->get_ptr<json::array_t*>()) {
      a->emplace_back(std::forward<V>(v));
      return &a->back();
    }
    *member_ = json(std::forward<V>(v));
    return member_;
  }
  template <class V>
  bool put(V&& v) {
    place(std::forward<V>(v));
    return true;
  }
  bool open(json::value_t t) {
    if (depth_ == stack_.size()) return false;  // deeper than the scan lets through: never, but stop
    json* p = place(t);
    stack_[depth_++] = p;
    return true;
  }

  duplicate_keys& dups_;
  std::array<json*, validation_bounds::max_json_depth> stack_;  // the open arrays and objects; [0, depth_) set
  std::size_t depth_ = 0;
  json* member_ = nullptr;  // the value of the key just read
};

/// The first problem of a text is the one reported: when nlohmann/json finds a syntax error in
/// text[0, at) before `at` (where a problem of the text's own was found), that error is added and
/// true returned. The text before `at` nests at most max_json_depth deep, and nothing is built.
inline bool syntax_error_before(std::string_view text, std::size_t at, report& r) {
  first_error_handler h;
  (void)nlohmann::json::sax_parse(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), &h);
  if (h.error.failed && h.error.bytes_read > 0 && h.error.bytes_read - 1 < at) {
    add_parse_failure(r, text, h.error);
    return true;
  }
  return false;
}

/// Text nested more than max_json_depth deep at byte `at` (the first bracket over the bound): the
/// diagnostic, or the syntax error before it when there is one (the first problem is reported).
inline void add_nesting_failure(std::string_view text, std::size_t at, report& r) {
  if (syntax_error_before(text, at, r)) return;
  const text_position p = position_of(text, at);
  r.add(code::invalid_json, "",
        "the body nests arrays and objects more than " + std::to_string(validation_bounds::max_json_depth) + " levels deep (byte offset " +
            std::to_string(at) + ", line " + std::to_string(p.line) + ", column " + std::to_string(p.column) +
            "): that is this library's bound (RFC 8259 section 9 lets a parser limit "
            "nesting; a request body needs 2 levels), so the text was not parsed",
        p);
}

/// The checks of a text made before any parsing: its size, NUL bytes and, with `nesting`, its
/// nesting (a scan of the whole text; a reader that bounds the depth itself, as the streaming one
/// does, skips it and calls add_nesting_failure when it stops). False (with the diagnostic in `r`)
/// when the text is not to be parsed.
inline bool text_checks(std::string_view text, report& r, bool nesting = true) {
  if (text.size() > limits::body_max_bytes) {
    r.add(code::body_too_large, "",
          "the request body is " + std::to_string(text.size()) + " bytes (" + mebibytes(text.size()) + "), over the " +
              mebibytes(limits::body_max_bytes) + " limit; it was not parsed further");
    return false;
  }
  // A NUL byte: nlohmann's lexer would take it for the end of the text. The text is checked up to
  // it (a nesting or syntax error before it is the first problem).
  const std::size_t nul = nul_offset(text);
  if (nul == std::string_view::npos && !nesting) return true;
  const std::string_view before_nul = nul == std::string_view::npos ? text : text.substr(0, nul);
  if (const std::size_t at = nesting_overflow(before_nul, validation_bounds::max_json_depth); at != std::string_view::npos) {
    add_nesting_failure(text, at, r);
    return false;
  }
  if (nul != std::string_view::npos) {
    if (syntax_error_before(text, nul, r)) return false;
    const text_position p = position_of(text, nul);
    r.add(code::invalid_json, "",
          "the body is not JSON: " + nul_reason(nul) + " (line " + std::to_string(p.line) + ", column " + std::to_string(p.column) + ")",
          p);
    return false;
  }
  return true;
}

inline void read_request(std::string_view text, std::optional<nlohmann::json>& body, report& r) {
  if (!text_checks(text, r)) return;
  duplicate_keys dups;
  dom_builder b(dups);
  if (!nlohmann::json::sax_parse(text.begin(), text.end(), &b)) {
    if (b.error.failed) add_parse_failure(r, text, b.error);
    else r.add(code::invalid_json, "", "the body nests deeper than this library's bound");  // the scan prevents it
    return;
  }
  body.emplace(std::move(b.root));
  dups.report_to(r);
  if (!r.empty()) r.locate_in(text);
}

}  // namespace seedance::detail::validate

#endif  // SEEDANCE_DETAIL_VALIDATE_READ_TEXT_HPP

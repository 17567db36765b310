// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/validate.hpp> (include that, not this header): the validator: one pass over a parsed body, the field and model rules.
#ifndef SEEDANCE_VALIDATE_HPP
#error "include <seedance/validate.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_VALIDATE_VALIDATOR_HPP
#define SEEDANCE_DETAIL_VALIDATE_VALIDATOR_HPP

namespace seedance::detail::validate {

// --- the validator --------------------------------------------------------------------------------

class validator {
 public:
  /// `text`: the JSON text the body was parsed from, or empty (messages quote values as written
  /// when they can).
  validator(report& out, const media_map& media, std::string_view text = {}, const validate_options& options = {})
      : out_(out), media_(media), text_(text), options_(options) {}

  // --- events: what a source tells the validator (read_json.hpp walks a parsed body, read_stream.hpp
  // the text as it is read). Keys may come in any order and more than once (the last value counts);
  // each group of diagnostics that follows the keys (unknown fields, each media array's items,
  // model_params) is kept apart and joined in the order of the checks by finish(), so both
  // sources give the same report.

  /// The body is not an object: the only diagnostic (finish() is not called).
  void not_an_object(nlohmann::json::value_t t) {
    add(code::not_an_object, "",
        [kind = json_kind_name(t)] { return "the request body must be a JSON object; found " + std::string(kind); });
  }

  /// The model, known before the other events (a source that reads it first, or a second pass).
  void preset_model(const model_info* m) noexcept {
    model_ = m;
    model_preset_ = true;
  }

  /// The strings come from nlohmann/json's lexer, which refuses invalid UTF-8 (and lone
  /// surrogates): the prompt's UTF-8 check can be skipped. A parsed body may hold any bytes.
  void strings_are_valid_utf8() noexcept { strings_utf8_ = true; }

  /// Top-level field `i` of request_fields, other than the media arrays and model_params; `v`
  /// (structured values may be empty stand-ins: only their kind is read) outlives finish().
  void field(std::size_t i, const nlohmann::json* v) {
    slots_[i] = v;
    if (i == model_slot && !model_preset_) {
      const auto* id = v->get_ptr<const std::string*>();
      model_ = id ? find_model(*id) : nullptr;
    }
  }

  /// A top-level key that the API does not define.
  void unknown_field(std::string_view key) {
    use_model();
    const to_group into(*this, unknown_out_);
    // A key given twice is listed once (while the list is short enough to look).
    if (below_cap(group::fields, code::unknown_field) && unknown_out_.has(code::unknown_field, pointer(key))) return;
    if (!room(group::fields, code::unknown_field)) return;
    add(code::unknown_field, pointer(key),
        [key = std::string(key), near = suggest_field(key, false), model = model_, strict = options_.strict] {
          return "the API defines no field " + text::quote(key, text::request_value) + did_you_mean(near, false, model) +
                 (strict ? "; strict mode refuses it, as the provider's own validator does" : "; it will be ignored or rejected");
        });
  }

  /// A media array starts (`t` array: its items follow), or the field has another type `t`. A
  /// second one replaces the first, with what its items reported.
  void media_begin(media_kind k, nlohmann::json::value_t t) {
    const auto ki = static_cast<std::size_t>(k);
    forget_group(items_of(k));
    items_out_[ki] = report();
    if (k == media_kind::image) frames_ = {};
    count_[ki] = 0;
    unknown_[ki] = 0;
    known_total_[ki] = 0;
    any_duration_[ki] = false;
    present_[ki] = true;
    count_known_[ki] = t == nlohmann::json::value_t::array;
    if (!count_known_[ki]) {
      const to_group into(*this, items_out_[ki]);
      wrong_type(pointer(urls_field(k)), urls_field(k), "an array of URL strings", t);
    }
  }

  /// The next item of the media array of kind `k`: a string `s`, or a value of another type `t`.
  void media_item(media_kind k, const std::string* s, nlohmann::json::value_t t) {
    use_model();
    const auto ki = static_cast<std::size_t>(k);
    const std::size_t i = count_[ki]++;
    const to_group into(*this, items_out_[ki]);
    if (!s) {
      if (room(items_of(k), code::wrong_type))
        wrong_type(pointer(urls_field(k), i), std::string(urls_field(k)) + " items", "URL strings", t);
      return;
    }
    note_properties(k, i, *s, check_media_url(k, i, *s));
  }

  /// model_params starts (`t` object: its keys follow), or the field has another type `t`. A
  /// second one replaces the first.
  void params_begin(nlohmann::json::value_t t) {
    forget_group(group::model_params);
    params_out_ = report();
    web_search_.reset();
    if (t != nlohmann::json::value_t::object) {
      const to_group into(*this, params_out_);
      wrong_type(pointer(field::model_params), field::model_params, "an object", t);
    }
  }

  /// A key of model_params and its value (structured values may be empty stand-ins).
  void param(std::string_view key, const nlohmann::json& value) {
    if (key == field::web_search) {
      web_search_ = value.is_boolean() ? nlohmann::json(value.get<bool>()) : nlohmann::json(value.type());
      return;  // checked by finish(), which knows content_filter
    }
    use_model();
    const to_group into(*this, params_out_);
    const auto kpath = [&] { return pointer_in(field::model_params, key); };
    if (below_cap(group::model_params, code::unknown_field) && params_out_.has(code::unknown_field, kpath())) return;
    if (!room(group::model_params, code::unknown_field)) return;
    const field_suggestion near = suggest_field(key, true);
    add(code::unknown_field, kpath(), [key = std::string(key), near, model = model_, strict = options_.strict] {
      return "model_params defines no key " + text::quote(key, text::request_value) +
             (near.empty() ? " (it has " + std::string(field::web_search) + ")" : did_you_mean(near, true, model)) + strict_note(strict);
    });
  }

  /// The model seen by the end differs from the one some rule used while the keys were read (the
  /// model came after them, or twice): the source reads the body again with preset_model(model()).
  [[nodiscard]] bool needs_second_pass() const noexcept { return model_used_ && (model_changed_ || used_model_ != model_); }
  [[nodiscard]] const model_info* model() const noexcept { return model_; }

  /// After the last event: the checks of the fields, in their order, with the groups kept apart;
  /// `size`: the text's size, or (`from_text` false) a lower bound of the serialized size.
  void finish(std::uint64_t size, bool from_text) {
    check_model();
    out_.append(std::move(unknown_out_));
    for (report& items : items_out_) out_.append(std::move(items));
    check_prompt();
    check_duration();
    check_enum<quality>(field::quality);
    check_enum<aspect_ratio>(field::aspect_ratio);
    check_boolean(field::generate_audio);
    check_boolean(field::content_filter);
    check_callback();
    out_.append(std::move(params_out_));
    check_web_search();  // after the group's other diagnostics
    check_media_counts();
    check_body_size(size, from_text);
    check_media_totals();
    summarize_repeats();
  }

 private:
  static constexpr std::array<media_kind, 3> kinds{media_kind::image, media_kind::video, media_kind::audio};

  /// The value of top-level field `key` (one of request_fields), or nullptr when absent.
  const nlohmann::json* find(std::string_view key) const noexcept {
    const std::size_t i = field_index::of(key);
    return i < slots_.size() ? slots_[i] : nullptr;
  }

  // --- bounded output ------------------------------------------------------------------------------

  /// What one request can repeat without bound: the items of each media array (in media_kind
  /// order), the top-level fields, the keys of model_params, the prompt's tags.
  enum class group : std::uint8_t { image_urls, video_urls, audio_urls, fields, model_params, prompt_tags };
  static constexpr std::size_t group_count = 6;
  static constexpr group items_of(media_kind k) noexcept { return static_cast<group>(k); }

  /// The severity of code `c` in group `g` for this request and these options (docs/validation.md):
  /// strict mode makes unknown_field and field_ignored errors; base64_media is a warning in
  /// image-to-video's images (and an error everywhere else).
  seedance::severity severity_for(code c, group g = group::fields) const noexcept {
    if (options_.strict && (c == code::unknown_field || c == code::field_ignored)) return severity::error;
    if (c == code::base64_media && g == group::image_urls && model_ && model_->accepts_data_uris(media_kind::image))
      return severity::warning;
    return severity_of(c);
  }
  void add(code c, std::string path, std::string message, group g = group::fields) {
    sink_->add(c, severity_for(c, g), std::move(path), std::move(message));
  }
  /// The same with a message written when the report is read (report::add, detail::lazy_message):
  /// `message` captures by value only what it needs, never the validator or the request.
  template <class Message>
    requires std::is_invocable_r_v<std::string, const Message&>
  void add(code c, std::string path, Message&& message, group g = group::fields) {
    sink_->add(c, severity_for(c, g), std::move(path), lazy_message(std::forward<Message>(message)));
  }
  /// Sends the diagnostics added while it lives to `group_out` (one of the groups kept apart).
  class to_group {
   public:
    to_group(validator& v, report& group_out) noexcept : v_(v) { v_.sink_ = &group_out; }
    to_group(const to_group&) = delete;
    to_group& operator=(const to_group&) = delete;
    ~to_group() { v_.sink_ = &v_.out_; }

   private:
    validator& v_;
  };
  /// A rule that reads the model ran: which model it saw (see needs_second_pass).
  void use_model() noexcept {
    if (!model_used_) {
      model_used_ = true;
      used_model_ = model_;
    } else if (used_model_ != model_) {
      model_changed_ = true;
    }
  }
  /// What strict mode adds to the message of a diagnostic it makes an error.
  static std::string strict_note(bool strict) { return strict ? "; strict mode refuses it, as the provider's own validator does" : ""; }
  std::string strict_note() const { return strict_note(options_.strict); }

  /// Whether a diagnostic of code `c` in group `g` is to be written out: true for the first
  /// `max_repeats`, then false (and counted, for the summary).
  bool room(group g, code c) noexcept {
    const auto gi = static_cast<std::size_t>(g);
    if ((touched_ & (1U << gi)) == 0) {  // counters are cleared on first use: a valid request pays nothing
      repeats_[gi].fill(0);
      touched_ |= 1U << gi;
    }
    if (++repeats_[gi][static_cast<std::size_t>(c)] <= validation_bounds::max_repeats) return true;
    over_ |= 1U << gi;
    return false;
  }

  /// Whether code `c` in group `g` is still below its cap (nothing counted).
  bool below_cap(group g, code c) const noexcept {
    const auto gi = static_cast<std::size_t>(g);
    return (touched_ & (1U << gi)) == 0 || repeats_[gi][static_cast<std::size_t>(c)] < validation_bounds::max_repeats;
  }
  /// Group `g` starts again (a key given twice: its last value counts).
  void forget_group(group g) noexcept {
    touched_ &= ~(1U << static_cast<std::size_t>(g));
    over_ &= ~(1U << static_cast<std::size_t>(g));
  }

  /// One diagnostic per (group, code) that went over the cap, with the code (so the severity) of
  /// the ones it stands for.
  void summarize_repeats() {
    if (over_ == 0) return;
    for (std::size_t gi = 0; gi < group_count; ++gi) {
      if ((over_ & (1U << gi)) == 0) continue;
      for (std::size_t ci = 0; ci < code_catalogue.size(); ++ci) {
        const std::uint32_t n = repeats_[gi][ci];
        if (n <= validation_bounds::max_repeats) continue;
        const std::string more = std::to_string(n - validation_bounds::max_repeats);
        const std::string first = std::to_string(validation_bounds::max_repeats);
        const auto c = static_cast<code>(ci);
        const auto g = static_cast<group>(gi);
        std::string path, what;
        switch (g) {
          case group::image_urls:
          case group::video_urls:
          case group::audio_urls: {
            const std::string_view name = urls_field(static_cast<media_kind>(gi));
            path = pointer(name);
            what = more + " more items of " + std::string(name) + " have this problem";
            break;
          }
          case group::fields: what = more + " more top-level fields have this problem"; break;
          case group::model_params:
            path = pointer(field::model_params);
            what = more + " more keys of model_params have this problem";
            break;
          case group::prompt_tags:
            path = pointer(field::prompt);
            what = "the prompt names " + more + " more tags out of range (repeats included)";
            break;
        }
        add(c, std::move(path), what + "; only the first " + first + " are listed", g);
      }
    }
  }

  /// `expected`: static text (a literal).
  void wrong_type(std::string path, std::string_view name, std::string_view expected, const nlohmann::json& v) {
    wrong_type(std::move(path), name, expected, v.type());
  }
  void wrong_type(std::string path, std::string_view name, std::string_view expected, nlohmann::json::value_t t) {
    add(code::wrong_type, std::move(path), [name = std::string(name), expected, kind = json_kind_name(t)] {
      return name + " must be " + std::string(expected) + "; found " + std::string(kind);
    });
  }

  static std::string model_name(const model_info* m) { return m ? "model " + std::string(m->id) : std::string("this model"); }
  std::string model_name() const { return model_name(model_); }

  /// The value of a required string field (model, prompt); null when it is absent (missing_field)
  /// or not a string (wrong_type: "must be <expected>").
  const std::string* required_string(std::string_view name, std::string_view expected) {
    const nlohmann::json* v = find(name);
    if (!v) {
      add(code::missing_field, pointer(name), [name] { return "the required field " + std::string(name) + " is absent"; });
      return nullptr;
    }
    if (!v->is_string()) {
      wrong_type(pointer(name), name, expected, *v);
      return nullptr;
    }
    return &v->get_ref<const std::string&>();
  }

  void check_model() {
    const std::string* value = required_string(field::model, "a string (a model id)");
    if (!value) return;
    const std::string& id = *value;
    model_ = find_model(id);
    if (!model_) {
      std::vector<std::string_view> ids;
      for (const model_info& m : model_catalog) ids.push_back(m.id);
      add(code::unknown_model, pointer(field::model), [id = std::string(id), near = closest(id, ids)] {
        return "model " + text::quote(id, text::request_value) + " is not a Seedance 2.0 model; the closest id is " + std::string(near);
      });
    }
  }

  /// " (did you mean X?)" for a suggestion found in the top level (`in_model_params` false) or in
  /// model_params, saying where X lives when that is elsewhere, and when this model does not take X.
  static std::string did_you_mean(const field_suggestion& s, bool in_model_params, const model_info* model) {
    if (s.empty()) return {};
    std::string out = " (did you mean ";
    if (s.in_model_params && !in_model_params) out += std::string(field::model_params) + ".";
    out += s.field;
    out += '?';
    std::vector<std::string> notes;
    if (!s.in_model_params && in_model_params) notes.emplace_back("it is a top-level field, not a key of model_params");
    if (model) {
      const bool takes = s.in_model_params ? model->web_search : [&] {
        for (media_kind k : kinds)
          if (s.field == urls_field(k)) return model->media(k).allowed();
        return true;
      }();
      if (!takes) notes.push_back(model_name(model) + " does not take it, though");
    }
    for (std::size_t i = 0; i < notes.size(); ++i) out += (i == 0 ? " " : "; ") + notes[i];
    out += ')';
    return out;
  }

  static constexpr std::string_view base64_accepted =
      "a data: URI (Base64-encoded image) is accepted on image-to-video, but the provider advises a URL: large Base64 bodies fail more "
      "often; the image is checked as a file";

  /// The URL rules of string item `index` of the media array of kind `k`; what its data: URI holds,
  /// when it is an image that image-to-video takes (check_data_image).
  std::optional<image_properties> check_media_url(media_kind k, std::size_t index, const std::string& s);
  /// A data: URI image on image-to-video, checked like a file (docs/spec.md section 9): malformed
  /// Base64 is invalid_url; a declared type or content that is not an accepted image is
  /// image_format; otherwise its properties (format, width, height, decoded size) go through the
  /// image rules with the media map's (note_properties), returned. The Base64 is never decoded whole.
  std::optional<image_properties> check_data_image(std::size_t index, std::string_view uri);
  void check_callback();

  void check_prompt();

 public:
  static prompt_stats measure_prompt(std::string_view p);

 private:
  void check_prompt_tags(std::string_view p);

  /// The number at `/duration` as the JSON text writes it, when the body was given as text;
  /// else as nlohmann/json prints it.
  std::string duration_as_written(const nlohmann::json& v) const {
    // JSON writes an integer one way (no '+', no leading zeros), as dump() does, but for "-0"
    if (v.is_number_integer() && v != 0) return v.dump();
    if (!text_.empty()) {
      const auto at = locate_values(text_, {pointer(field::duration)}, 1);
      if (at[0]) {
        std::size_t end = *at[0];
        while (end < text_.size() && (std::string_view("0123456789+-.eE").find(text_[end]) != std::string_view::npos)) ++end;
        if (end > *at[0] && end - *at[0] <= 64) return std::string(text_.substr(*at[0], end - *at[0]));
      }
    }
    return v.dump();
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
      if (!in) {
        // From text, the number as written (found in the text now: the text may be gone when the
        // message is read); else as nlohmann/json prints it, then.
        add(code::duration_out_of_range, path(), [written = text_.empty() ? std::string() : duration_as_written(*v), number = *v] {
          return "duration " + (written.empty() ? number.dump() : written) + " is outside " + range_text(limits::duration) + " seconds";
        });
      }
    } else if (v->is_number_float()) {
      // A number with a fraction or an exponent, or an integer beyond 64 bits (which the parser
      // keeps as a double): say which, with the number as written.
      const double d = v->get<double>();
      const std::string shown = std::isfinite(d) ? duration_as_written(*v) : std::string("(not a finite number)");
      const bool whole = std::isfinite(d) && std::floor(d) == d;
      const bool in_range = d >= static_cast<double>(limits::duration.min) && d <= static_cast<double>(limits::duration.max);
      // How it was written is known only from the text.
      const bool plain_digits = text_.empty() || shown.find_first_of(".eE") == std::string::npos;
      std::string message;
      if (!whole) message = "duration " + shown + " is not a whole number of seconds; it must be an integer in " + range();
      else if (!in_range)
        message = "duration " + shown + " is outside " + range() + " seconds" +
                  (plain_digits ? std::string() : std::string(" (and is written with a fraction or an exponent)"));
      else
        message = "duration " + shown + " is a whole number written with a fraction or an exponent; the API takes an integer: write " +
                  std::to_string(static_cast<long long>(d));
      add(code::duration_out_of_range, path(), std::move(message));
    } else {
      wrong_type(path(), field::duration, "an integer number of seconds", *v);
    }
  }

  /// `name`: static text (a field name).
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
      add(code::invalid_enum, path(), [name, s = std::string(s)] {
        return std::string(name) + " " + text::quote(s, text::request_value) + " is not one of " + wire_list<E>();
      });
      return;
    }
    if constexpr (std::is_same_v<E, quality>) {
      if (model_ && !model_->supports(*e)) {
        add(code::quality_unsupported, path(), [model = model_, found = *e] {
          return model_name(model) + " offers " + qualities_of(*model) + "; found " + std::string(to_string(found));
        });
      }
    }
  }

  void check_boolean(std::string_view name) {
    const nlohmann::json* v = find(name);
    if (v && !v->is_boolean()) wrong_type(pointer(name), name, "true or false", *v);
  }

  /// model_params.web_search (its last value), which needs the model and content_filter.
  void check_web_search() {
    if (!web_search_) return;
    const auto kpath = [] { return pointer_in(field::model_params, field::web_search); };
    if (!web_search_->is_boolean()) {
      wrong_type(kpath(), field::web_search, "true or false", *web_search_);
      return;
    }
    if (!model_) return;
    const bool on = web_search_->get<bool>();
    if (model_->web_search) {
      // docs/spec.md section 9: the two are mutually exclusive on every model that has web search.
      const nlohmann::json* filter = find(field::content_filter);
      if (on && filter && filter->is_boolean() && !filter->get<bool>())
        add(code::web_search_without_content_filter, kpath(), [] {
          return std::string(
              "web_search: true needs the content filter: with content_filter: false the provider answers 400; remove "
              "content_filter: false, or turn web search off");
        });
    } else if (on) {
      add(code::web_search_unsupported, kpath(),
          [model = model_] { return model_name(model) + " has no web search (only " + web_search_models() + " have it)"; });
    } else {
      add(code::field_ignored, kpath(), [model = model_, strict = options_.strict] {
        return model_name(model) + " has no web search; web_search: false is ignored" + strict_note(strict);
      });
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
      const bool present = present_[ki];
      if (!count_known_[ki]) continue;
      const std::size_t n = count_[ki];
      if (!range.allowed()) {
        if (n > 0) {
          add(code::media_unsupported, pointer(name),
              [model = model_, name, n] { return model_name(model) + " takes no " + std::string(name) + "; found " + std::to_string(n); });
        } else if (present) {
          add(code::field_ignored, pointer(name), [model = model_, name, strict = options_.strict] {
            return model_name(model) + " takes no " + std::string(name) + "; the empty array is ignored" + strict_note(strict);
          });
        }
        continue;
      }
      if (n > range.max) {
        add(code::too_many_media, pointer(name), [model = model_, name, max = range.max, n] {
          return model_name(model) + " takes at most " + std::to_string(max) + " " + std::string(name) + "; found " + std::to_string(n);
        });
      } else if (n < range.min) {
        add(code::too_few_media, pointer(name), [model = model_, name, range, n] {
          return model_name(model) + " needs " + std::to_string(range.min) + ".." + std::to_string(range.max) + " " + std::string(name) +
                 " (the first frame, then optionally the last); found " + std::to_string(n);
        });
      }
    }
    const bool all_known = count_known_[img] && count_known_[vid] && count_known_[aud];
    if (model_->audio_needs_visual && all_known && count_[aud] > 0 && count_[img] == 0 && count_[vid] == 0) {
      add(code::audio_needs_visual, pointer(field::audio_urls), [model = model_, n = count_[aud]] {
        return model_name(model) + " needs at least one image or video alongside audio; found " + std::to_string(n) +
               " audio and no image or video";
      });
    }
    if (model_->mode == mode::reference_to_video && all_known && count_[img] + count_[vid] + count_[aud] == 0) {
      add(code::reference_missing, "", [model = model_] {
        return model_name(model) +
               " is a reference-to-video model but the request has no reference media; a text-to-video model may be meant";
      });
    }
  }

  /// `size`: the text's size, or the lower bound of the serialized size (`from_text` false).
  void check_body_size(std::uint64_t size, bool from_text) {
    if (size > limits::body_max_bytes) {
      add(code::body_too_large, "", [size, from_text] {
        return "the request body is " + std::string(from_text ? "" : "at least ") + std::to_string(size) + " bytes (" + mebibytes(size) +
               "), over the " + mebibytes(limits::body_max_bytes) + " limit";
      });
    }
  }

  // --- media properties (docs/spec.md section 3) ------------------------------------------------------

  /// Checks the properties of string item `index` of the array of kind `k` as it comes, when known:
  /// from the media map (by URL), else `data`, what its data: URI holds (check_media_url). Keeps
  /// only what finish() needs: the sum of the durations, how many items have none, and the first
  /// two images (the frames).
  void note_properties(media_kind k, std::size_t index, const std::string& url, const std::optional<image_properties>& data);
  void check_properties(media_kind k, std::size_t index, const media_properties& p);

  /// One item of a media array: its kind, index and (built when a diagnostic needs it) pointer.
  struct item {
    media_kind kind;
    std::size_t index;
    [[nodiscard]] std::string path() const { return pointer(urls_field(kind), index); }
  };

  /// Adds a diagnostic about item `it` unless its group has had enough of code `c`; `message` is
  /// only called when the report is read (it captures by value: see add).
  template <class Message>
  void add_item(const item& it, code c, Message&& message) {
    if (room(items_of(it.kind), c)) add(c, it.path(), std::forward<Message>(message));
  }

  /// The rules over a whole media array (total durations) and the frames of image-to-video.
  void check_media_totals();

  void format_error(const item& it, media_format f);

  struct visual_codes {
    code dimensions, aspect;
  };

  void check_size(const item& it, std::optional<std::uint32_t> w, std::optional<std::uint32_t> h, visual_codes c);

  void check_bytes(const item& it, std::optional<std::uint64_t> bytes, code c);

  void check_duration_of(const item& it, std::optional<double> d, code c);

  void check_image(const item& it, const image_properties& p);

  void check_video(const item& it, const video_properties& p);

  void check_audio(const item& it, const audio_properties& p);

  /// The properties of image `index` of an image-to-video request, when its width and height are known.
  const image_properties* frame(std::size_t index) const;

  /// first_frame_aspect_mismatch (docs/spec.md section 9): with an explicit aspect ratio, the output
  /// has the resolution table's pixel size, and a first frame of another shape is cropped or padded.
  void check_first_frame();

  void check_last_frame();

  // media_properties holds the kinds in media_kind order: index() is the kind.
  static_assert(std::is_same_v<std::variant_alternative_t<0, media_properties>, image_properties> &&
                std::is_same_v<std::variant_alternative_t<1, media_properties>, video_properties> &&
                std::is_same_v<std::variant_alternative_t<2, media_properties>, audio_properties>);

  report& out_;
  const media_map& media_;
  std::string_view text_;
  validate_options options_;
  report* sink_ = &out_;  // where add() goes: out_, or a group kept apart (to_group)
  report unknown_out_, params_out_;  // the groups kept apart until finish()
  std::array<report, 3> items_out_;
  std::array<const nlohmann::json*, request_fields.size()> slots_{};  // top-level fields, by request_fields index
  static constexpr std::size_t model_slot = field_index::of(field::model);
  const model_info* model_ = nullptr;
  bool model_preset_ = false;
  bool strings_utf8_ = false;  // see strings_are_valid_utf8
  bool model_used_ = false, model_changed_ = false;  // see use_model
  const model_info* used_model_ = nullptr;
  std::optional<nlohmann::json> web_search_;  // model_params.web_search, or a stand-in of its type
  std::array<bool, 3> present_{};  // per media array: the field was given
  // Per media array, from the items whose properties are known (checked as they come; nothing
  // kept per item): the sum of their durations, whether there was one, and how many string items
  // have no known duration.
  std::array<double, 3> known_total_{};
  std::array<bool, 3> any_duration_{};
  std::array<std::size_t, 3> unknown_{};
  std::array<std::optional<image_properties>, 2> frames_;  // image_urls[0] and [1], when known
  std::array<std::size_t, 3> count_{};               // items per media array (0 when absent)
  std::array<bool, 3> count_known_{true, true, true};  // false when the array has the wrong type
  // Diagnostics per group and code, for the caps; a group's row is cleared when first used.
  std::uint32_t touched_ = 0;
  std::uint32_t over_ = 0;  // the groups where some code went over the cap
  std::array<std::array<std::uint32_t, code_catalogue.size()>, group_count> repeats_;
};

}  // namespace seedance::detail::validate

#endif  // SEEDANCE_DETAIL_VALIDATE_VALIDATOR_HPP

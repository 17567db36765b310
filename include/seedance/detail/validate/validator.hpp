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

/// Lower bound of the serialized size of `v` in bytes (strings and keys with their quotes, one
/// byte per other token); iterative, so any depth is fine.
inline std::uint64_t serialized_size_lower_bound(const nlohmann::json& v) {
  std::uint64_t total = 0;
  // A stack of pending containers: inline for the usual shallow request, on the heap past 32.
  std::array<const nlohmann::json*, 32> inline_stack;
  std::vector<const nlohmann::json*> heap_stack;
  std::size_t top = 0;
  // Scalars are counted at once; only containers wait on the stack.
  const auto visit = [&](const nlohmann::json& x) {
    if (x.is_string()) {
      total += x.get_ref<const std::string&>().size() + 2;
    } else if (x.is_structured()) {
      if (top < inline_stack.size()) inline_stack[top++] = &x;
      else heap_stack.push_back(&x);
    } else {
      total += 1;
    }
  };
  visit(v);
  while (top > 0 || !heap_stack.empty()) {
    const nlohmann::json* x = nullptr;
    if (!heap_stack.empty()) {
      x = heap_stack.back();
      heap_stack.pop_back();
    } else {
      x = inline_stack[--top];
    }
    total += 2;
    if (x->is_object()) {
      for (auto it = x->begin(); it != x->end(); ++it) {
        total += it.key().size() + 4;
        visit(it.value());
      }
    } else {
      for (const auto& e : *x) {
        total += 1;
        visit(e);
      }
    }
  }
  return total;
}

class validator {
 public:
  /// `text`: the JSON text the body was parsed from, or empty (messages quote values as written
  /// when they can).
  validator(report& out, const media_map& media, std::string_view text = {}, const validate_options& options = {})
      : out_(out), media_(media), text_(text), options_(options) {}

  void run(const nlohmann::json& j, std::optional<std::uint64_t> text_bytes) {
    const bool from_text = text_bytes.has_value();
    if (!j.is_object()) {
      add(code::not_an_object, "", [kind = json_kind_name(j)] { return "the request body must be a JSON object; found " + std::string(kind); });
      return;
    }
    body_ = &j;
    // One pass over the top level: the slots of the fields, and (without text) the lower bound of
    // the serialized size, as serialized_size_lower_bound(j) counts it.
    std::uint64_t size = 2;
    for (const auto& [key, value] : *j.get_ptr<const nlohmann::json::object_t*>()) {
      const std::size_t i = field_index::of(key);
      if (i < slots_.size()) {
        slots_[i] = &value;
        ++known_fields_;
      }
      if (text_bytes) continue;
      size += key.size() + 4;
      if (const auto* str = value.get_ptr<const std::string*>()) size += str->size() + 2;
      else size += value.is_structured() ? serialized_size_lower_bound(value) : 1;
    }
    if (!text_bytes) text_bytes = size;
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
    check_body_size(*text_bytes, from_text);
    if (!media_.empty() || !data_images_.empty()) check_media_properties();
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
    out_.add(c, severity_for(c, g), std::move(path), std::move(message));
  }
  /// The same with a message written when the report is read (report::add, detail::lazy_message):
  /// `message` captures by value only what it needs, never the validator or the request.
  template <class Message>
    requires std::is_invocable_r_v<std::string, const Message&>
  void add(code c, std::string path, Message&& message, group g = group::fields) {
    out_.add(c, severity_for(c, g), std::move(path), lazy_message(std::forward<Message>(message)));
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
    add(code::wrong_type, std::move(path), [name = std::string(name), expected, kind = json_kind_name(v)] {
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

  void check_unknown_fields() {
    if (known_fields_ == body_->size()) return;
    for (auto it = body_->begin(); it != body_->end(); ++it) {
      const std::string& key = it.key();
      if (field_index::of(key) < request_fields.size()) continue;
      if (!room(group::fields, code::unknown_field)) continue;
      add(code::unknown_field, pointer(key), [key = std::string(key), near = suggest_field(key, false), model = model_, strict = options_.strict] {
        return "the API defines no field " + text::quote(key, text::request_value) + did_you_mean(near, false, model) +
               (strict ? "; strict mode refuses it, as the provider's own validator does" : "; it will be ignored or rejected");
      });
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
        if (room(items_of(k), code::wrong_type)) wrong_type(pointer(name, i), std::string(name) + " items", "URL strings", item);
        continue;
      }
      check_media_url(k, i, item.get_ref<const std::string&>());
    }
  }

  static constexpr std::string_view base64_accepted =
      "a data: URI (Base64-encoded image) is accepted on image-to-video, but the provider advises a URL: large Base64 bodies fail more "
      "often; the image is checked as a file";

  void check_media_url(media_kind k, std::size_t index, const std::string& s) {
    const group g = items_of(k);
    const auto path = [&] { return pointer(urls_field(k), index); };
    if (iequals_prefix(s, "data:")) {
      // docs/spec.md section 9: an error on reference-to-video ("do not use Base64"), a warning on
      // image-to-video images (accepted; such requests fail more often), checked like a file.
      const bool accepted = model_ && model_->accepts_data_uris(k);
      if (room(g, code::base64_media)) {
        if (accepted)
          add(code::base64_media, path(), [] { return std::string(base64_accepted); }, g);
        else if (model_ && model_->mode == mode::reference_to_video)
          add(code::base64_media, path(), [] {
            return std::string("reference-to-video models do not accept data: URIs (Base64-encoded media): give a URL the provider fetches");
          });
        else
          add(code::base64_media, path(), [] {
            return std::string("media must be a URL that the provider fetches; data: URIs (Base64-encoded media) are not accepted here");
          });
      }
      if (accepted) check_data_image(index, s);
      return;
    }
    url_view u;
    if (parse_url_view(s, u) != url_error::none) {
      if (room(g, code::invalid_url)) { add(code::invalid_url, path(), [s = std::string(s)] { return invalid_url_message(s); }); }
      return;
    }
    if (!u.scheme_is("https") && !u.scheme_is("http")) {
      if (room(g, code::invalid_url))
        add(code::invalid_url, path(), [s = std::string(s)] {
          url_view u;
          (void)parse_url_view(s, u);
          return "the provider fetches media over http or https; " + text::quote(s, text::request_value) + " has the scheme " +
                 text::quote(u.scheme, text::request_value);
        });
      return;
    }
    if (is_internal_host(u) && room(g, code::url_not_public)) {
      add(code::url_not_public, path(), [s = std::string(s)] {
        url_view u;
        (void)parse_url_view(s, u);
        return "host " + text::quote(u.host(), text::request_value) +
               " is loopback, private or otherwise internal: the provider cannot fetch " + text::quote(s, text::request_value);
      });
    }
    const media_rules& r = rules_for(k);
    if (!path_extension_in(u.path, r.extensions) && room(g, code::media_extension)) {
      add(code::media_extension, path(), [ext = path_extension(u.path), k] {
        return "the URL's path ends in ." + ext + "; " + std::string(urls_field(k)) + " accept " + extensions_of(rules_for(k));
      });
    }
  }

  /// A data: URI image on image-to-video, checked like a file (docs/spec.md section 9): malformed
  /// Base64 is invalid_url; a declared type or content that is not an accepted image is
  /// image_format; otherwise its properties (format, width, height, decoded size) go through the
  /// image rules with the media map's (check_media_properties). The Base64 is never decoded whole.
  void check_data_image(std::size_t index, std::string_view uri) {
    const group g = items_of(media_kind::image);
    const auto path = [&] { return pointer(field::image_urls, index); };
    const data_uri_probe d = probe_data_uri(uri, {.only = media_kind::image});
    // An in-memory read never fails: io_error is the probe's word for an allocation that failed.
    if (const probe_error* e = d.probe.error(); e && e->code == probe_errc::io_error) throw std::bad_alloc();
    if (d.error != data_uri_errc::none) {
      if (room(g, code::invalid_url)) add(code::invalid_url, path(), "the data: URI cannot be read as an image: " + d.message);
      return;
    }
    if (const std::optional<std::string> problem = d.image_type_problem()) {
      if (room(g, code::image_format)) add(code::image_format, path(), *problem);
      return;
    }
    std::optional<media_properties> props = d.properties();
    if (!props || !std::holds_alternative<image_properties>(*props)) {
      if (room(g, code::image_format))
        add(code::image_format, path(),
            "the data URI's content is not a " + formats_of(rules_for(media_kind::image)) + " image" +
                (d.probe.error() ? ": " + d.probe.error()->message : std::string()));
      return;
    }
    data_images_.emplace_back(index, std::get<image_properties>(*props));
  }

  void check_prompt();

 public:
  static prompt_stats measure_prompt(std::string_view p);

 private:
  void check_prompt_tags(std::string_view p);

  /// The number at `/duration` as the JSON text writes it, when the body was given as text;
  /// else as nlohmann/json prints it.
  std::string duration_as_written(const nlohmann::json& v) const {
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
      add(code::invalid_enum, path(),
          [name, s = std::string(s)] { return std::string(name) + " " + text::quote(s, text::request_value) + " is not one of " + wire_list<E>(); });
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

  void check_callback() {
    const nlohmann::json* v = find(field::callback_url);
    if (!v) return;
    const auto path = [&] { return pointer(field::callback_url); };
    if (!v->is_string()) {
      wrong_type(path(), field::callback_url, "a string (an https URL)", *v);
      return;
    }
    const auto& s = v->get_ref<const std::string&>();
    // No more characters than bytes: only a long URL needs counting.
    const std::size_t chars = s.size() <= limits::callback_url_max_chars ? s.size() : length_in_chars(s);
    if (chars > limits::callback_url_max_chars) {
      add(code::callback_too_long, path(), [chars] {
        return "callback_url is " + std::to_string(chars) + " characters long, over the limit of " +
               std::to_string(limits::callback_url_max_chars);
      });
    }
    url_view u;
    if (parse_url_view(s, u) != url_error::none) {
      add(code::invalid_url, path(), [s = std::string(s)] { return invalid_url_message(s); });
      return;
    }
    // A local double's option: loopback callbacks by name (and only those) are accepted.
    if (options_.allow_local_callbacks && (u.scheme_is("http") || u.scheme_is("https")) &&
        (u.host() == "127.0.0.1" || u.host() == "localhost"))
      return;
    if (!u.scheme_is("https"))
      add(code::callback_not_https, path(),
          [scheme = std::string(u.scheme)] { return "callback_url must use https; found scheme " + text::quote(scheme, text::request_value); });
    if (is_internal_host(u))
      add(code::callback_private_host, path(), [host = std::string(u.host())] {
        return "callback_url host " + text::quote(host, text::request_value) + " is an internal address; the provider refuses callbacks to it";
      });
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
      const auto kpath = [&] { return pointer_in(field::model_params, key); };
      if (key != field::web_search) {
        if (room(group::model_params, code::unknown_field)) {
          const field_suggestion near = suggest_field(key, true);
          add(code::unknown_field, kpath(), [key = std::string(key), near, model = model_, strict = options_.strict] {
            return "model_params defines no key " + text::quote(key, text::request_value) +
                   (near.empty() ? " (it has " + std::string(field::web_search) + ")" : did_you_mean(near, true, model)) + strict_note(strict);
          });
        }
        continue;
      }
      if (!it.value().is_boolean()) {
        wrong_type(kpath(), field::web_search, "true or false", it.value());
        continue;
      }
      if (!model_) continue;
      if (model_->web_search) {
        // docs/spec.md section 9: the two are mutually exclusive on every model that has web search.
        const nlohmann::json* filter = find(field::content_filter);
        if (it.value().get<bool>() && filter && filter->is_boolean() && !filter->get<bool>())
          add(code::web_search_without_content_filter, kpath(), [] {
            return std::string(
                "web_search: true needs the content filter: with content_filter: false the provider answers 400; remove "
                "content_filter: false, or turn web search off");
          });
        continue;
      }
      if (it.value().get<bool>()) {
        add(code::web_search_unsupported, kpath(),
            [model = model_] { return model_name(model) + " has no web search (only " + web_search_models() + " have it)"; });
      } else {
        add(code::field_ignored, kpath(), [model = model_, strict = options_.strict] {
          return model_name(model) + " has no web search; web_search: false is ignored" + strict_note(strict);
        });
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

  /// The properties of item `index` of the array of kind `k`: from the media map (by URL), else,
  /// for image-to-video's images, those read from its data: URI.
  const media_properties* lookup(media_kind k, std::size_t index, const nlohmann::json& item) const;

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

  void check_media_properties();

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
  const nlohmann::json* body_ = nullptr;
  std::array<const nlohmann::json*, request_fields.size()> slots_{};  // top-level fields, by request_fields index
  std::size_t known_fields_ = 0;
  const model_info* model_ = nullptr;
  // image-to-video images given as data: URIs, by index, with what their decoded bytes are
  std::vector<std::pair<std::size_t, media_properties>> data_images_;
  std::array<std::size_t, 3> count_{};               // items per media array (0 when absent)
  std::array<bool, 3> count_known_{true, true, true};  // false when the array has the wrong type
  // Diagnostics per group and code, for the caps; a group's row is cleared when first used.
  std::uint32_t touched_ = 0;
  std::uint32_t over_ = 0;  // the groups where some code went over the cap
  std::array<std::array<std::uint32_t, code_catalogue.size()>, group_count> repeats_;
};

/// Runs the validator; anything thrown (only std::bad_alloc can be) leaves the report not ok and
/// says so (code validation_incomplete).
inline void run_guarded(report& r, const nlohmann::json& j, const media_map& media, std::optional<std::uint64_t> text_bytes,
                        std::string_view text = {}, const validate_options& options = {}) noexcept {
  try {
    validator(r, media, text, options).run(j, text_bytes);
  } catch (const std::bad_alloc&) { r.stop("out of memory"); } catch (const std::exception& e) {
    r.stop(e.what());
  } catch (...) { r.stop("an unknown exception"); }
}

}  // namespace seedance::detail::validate

#endif  // SEEDANCE_DETAIL_VALIDATE_VALIDATOR_HPP

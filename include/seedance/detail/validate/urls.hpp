// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/validate.hpp> (include that, not this header): the URL rules (the validator's members): media URLs, data: URI images, callback_url.
#ifndef SEEDANCE_VALIDATE_HPP
#error "include <seedance/validate.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_VALIDATE_URLS_HPP
#define SEEDANCE_DETAIL_VALIDATE_URLS_HPP

namespace seedance::detail::validate {

inline std::optional<image_properties> validator::check_media_url(media_kind k, std::size_t index, const std::string& s) {
  const group g = items_of(k);
  const auto path = [&] { return pointer(urls_field(k), index); };
  if (iequals_prefix(s, "data:")) {
    // docs/spec.md section 9: an error on reference-to-video ("do not use Base64"), a warning on
    // image-to-video images (accepted; such requests fail more often), checked like a file.
    const bool accepted = model_ && model_->accepts_data_uris(k);
    if (room(g, code::base64_media)) {
      if (accepted)
        add(
            code::base64_media, path(), [] { return std::string(base64_accepted); }, g);
      else if (model_ && model_->mode == mode::reference_to_video)
        add(code::base64_media, path(), [] {
          return std::string("reference-to-video models do not accept data: URIs (Base64-encoded media): give a URL the provider fetches");
        });
      else
        add(code::base64_media, path(), [] {
          return std::string("media must be a URL that the provider fetches; data: URIs (Base64-encoded media) are not accepted here");
        });
    }
    if (accepted) return check_data_image(index, s);
    return std::nullopt;
  }
  url_view u;
  if (parse_url_view(s, u) != url_error::none) {
    if (room(g, code::invalid_url)) {
      add(code::invalid_url, path(), [s = std::string(s)] { return invalid_url_message(s); });
    }
    return std::nullopt;
  }
  if (!u.scheme_is("https") && !u.scheme_is("http")) {
    if (room(g, code::invalid_url))
      add(code::invalid_url, path(), [s = std::string(s)] {
        url_view u;
        (void)parse_url_view(s, u);
        return "the provider fetches media over http or https; " + text::quote(s, text::request_value) + " has the scheme " +
               text::quote(u.scheme, text::request_value);
      });
    return std::nullopt;
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
  return std::nullopt;
}

inline std::optional<image_properties> validator::check_data_image(std::size_t index, std::string_view uri) {
  const group g = items_of(media_kind::image);
  const auto path = [&] { return pointer(field::image_urls, index); };
  const data_uri_probe d = probe_data_uri(uri, {.only = media_kind::image});
  // An in-memory read never fails: io_error is the probe's word for an allocation that failed.
  if (const probe_error* e = d.probe.error(); e && e->code == probe_errc::io_error) throw std::bad_alloc();
  if (d.error != data_uri_errc::none) {
    if (room(g, code::invalid_url)) add(code::invalid_url, path(), "the data: URI cannot be read as an image: " + d.message);
    return std::nullopt;
  }
  if (const std::optional<std::string> problem = d.image_type_problem()) {
    if (room(g, code::image_format)) add(code::image_format, path(), *problem);
    return std::nullopt;
  }
  std::optional<media_properties> props = d.properties();
  if (!props || !std::holds_alternative<image_properties>(*props)) {
    if (room(g, code::image_format))
      add(code::image_format, path(),
          "the data URI's content is not a " + formats_of(rules_for(media_kind::image)) + " image" +
              (d.probe.error() ? ": " + d.probe.error()->message : std::string()));
    return std::nullopt;
  }
  return std::get<image_properties>(*props);
}

inline void validator::check_callback() {
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
    add(code::callback_not_https, path(), [scheme = std::string(u.scheme)] {
      return "callback_url must use https; found scheme " + text::quote(scheme, text::request_value);
    });
  if (is_internal_host(u))
    add(code::callback_private_host, path(), [host = std::string(u.host())] {
      return "callback_url host " + text::quote(host, text::request_value) +
             " is an internal address; the provider refuses callbacks to it";
    });
}

}  // namespace seedance::detail::validate

#endif  // SEEDANCE_DETAIL_VALIDATE_URLS_HPP

// libFuzzer target: seedance::validate on arbitrary bytes, read two ways:
//   1. as JSON text. Any exception, crash, sanitizer report or a report that breaks its own
//      invariants (more diagnostics than the caps allow) is a finding, and so is a verdict of the
//      streaming reader, validate(text), that the walk over the parsed body, validate(parse_request
//      (text), text), does not share (tests/support/text_vs_parsed.hpp: the same diagnostics as a
//      multiset, but for the entries a group over its cap lists);
//   2. as the bytes of an image-to-video request's first frame, sent as a data: URI (Base64 encoded
//      here). The data URI must be checked like a file (docs/spec.md section 9): the image rules at
//      /image_urls/0 give exactly the codes that the same bytes, probed and mapped to a URL, give;
//      bytes the probe cannot read as an image are image_format.
#include "../support/text_vs_parsed.hpp"

#include <seedance/probe.hpp>
#include <seedance/validate.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

namespace {

std::string base64(const std::uint8_t* d, std::size_t n) {
  static constexpr char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((n + 2) / 3 * 4);
  for (std::size_t i = 0; i < n; i += 3) {
    const std::uint32_t v = (std::uint32_t{d[i]} << 16) | (i + 1 < n ? std::uint32_t{d[i + 1]} << 8 : 0U) | (i + 2 < n ? d[i + 2] : 0U);
    out += digits[(v >> 18) & 63];
    out += digits[(v >> 12) & 63];
    out += i + 1 < n ? digits[(v >> 6) & 63] : '=';
    out += i + 2 < n ? digits[v & 63] : '=';
  }
  return out;
}

/// The codes at /image_urls/0, but base64_media and media_extension (the data URI's and the URL's own).
std::set<seedance::code> frame_codes(const seedance::report& r) {
  std::set<seedance::code> s;
  for (const seedance::diagnostic& d : r)
    if (d.path == "/image_urls/0" && d.code != seedance::code::base64_media && d.code != seedance::code::media_extension) s.insert(d.code);
  return s;
}

void as_data_uri_image(const std::uint8_t* data, std::size_t size) {
  using nlohmann::json;
  if (size == 0) return;  // an empty payload is no Base64 image at all (invalid_url): nothing to compare
  const std::string uri = "data:image/png;base64," + base64(data, size);
  json body = {{"model", "seedance-2.0-image-to-video"}, {"prompt", "x"}, {"aspect_ratio", "16:9"}, {"image_urls", {uri}}};
  const seedance::report by_uri = seedance::validate(body);
  if (!by_uri.has(seedance::code::base64_media, "/image_urls/0")) std::abort();
  const std::set<seedance::code> got = frame_codes(by_uri);
  const seedance::probe_result p = seedance::probe(std::span<const std::uint8_t>(data, size), {.only = seedance::media_kind::image});
  const std::optional<seedance::media_properties> props = p.properties();
  if (!props || !std::holds_alternative<seedance::image_properties>(*props)) {
    if (got != std::set<seedance::code>{seedance::code::image_format}) std::abort();
    return;
  }
  const std::string url = "https://example.com/frame";
  body["image_urls"] = {url};
  const std::set<seedance::code> want = frame_codes(seedance::validate(body, {{url, *props}}));
  if (got != want) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const seedance::report r = seedance::validate(text);  // noexcept: an escaping exception aborts
  std::size_t errors = 0;
  for (const seedance::diagnostic& d : r) {
    if (d.message.empty() || seedance::to_string(d.code).empty()) std::abort();
    if (!d.path.empty() && d.path.front() != '/') std::abort();  // an RFC 6901 pointer or ""
    errors += d.severity == seedance::severity::error ? 1U : 0U;
  }
  if (r.ok() != (errors == 0 && r.complete())) std::abort();
  // One set of rules, two event sources: the stream and the DOM give one verdict.
  if (seedance::testing::same_verdict(r, seedance::validate(seedance::parse_request(text), text))) std::abort();
  // The report is bounded: at most max_repeats + 1 diagnostics of one code per group, so at most
  // (48 codes x 6 groups + duplicates) x 17 in all; much less in practice.
  if (r.size() > 6 * seedance::code_catalogue.size() * (seedance::validation_bounds::max_repeats + 1)) std::abort();
  (void)seedance::to_text(r);
  const nlohmann::json j = r;
  (void)j.dump();  // throws on invalid UTF-8: the JSON rendering must never hold any
  as_data_uri_image(data, size);
  return 0;
}

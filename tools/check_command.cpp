// seedance (the command-line tool): `seedance check` and `seedance cost`. Reads each request file
// (bounded), probes its mapped media, validates it, estimates its cost, and prints the library's
// renderings of the report and the estimate in the tool's documented forms (docs/cli.md).
#include <seedance/estimate.hpp>
#include <seedance/pricing.hpp>
#include <seedance/pricing_data.hpp>
#include <seedance/report.hpp>
#include <seedance/validate.hpp>

#include <iostream>
#include <optional>

#include "commands.hpp"
#include "common.hpp"

namespace seedance_tool {

namespace {

/// The table to price with: the built-in one, or --pricing FILE. Empty optional: load error (reported).
std::optional<seedance::pricing_table> load_pricing(const std::string& file) {
  if (file.empty()) return seedance::default_pricing();
  const input in = read_input(file, seedance::pricing_limits::max_feed_bytes);
  if (!in.error.empty()) {
    complain(file, in.error);
    return std::nullopt;
  }
  if (in.too_large) {
    complain(file, "the pricing feed is larger than the " + byte_limit(seedance::pricing_limits::max_feed_bytes) + " limit");
    return std::nullopt;
  }
  seedance::pricing_load_result r = seedance::pricing_table::parse(in.bytes);
  if (!r.ok()) {
    complain(file, "cannot load the pricing feed: " + r.error + (r.error_path.empty() ? "" : " (at " + r.error_path + ")"));
    return std::nullopt;
  }
  return std::move(*r.table);
}

/// The sum of the estimates of a run, for the summary of `cost`; empty when a sum does not fit.
struct cost_total {
  std::optional<seedance::money> min = seedance::money{}, max = seedance::money{};
  bool open = false;

  void include(const seedance::cost_estimate& e) {
    const auto sum = [](std::optional<seedance::money>& total, const seedance::money& m) {
      if (!total) return;
      const auto credits = add(total->credits, m.credits), cny = add(total->cny, m.cny), usd = add(total->usd, m.usd);
      if (credits && cny && usd) {
        total->credits = *credits;
        total->cny = *cny;
        total->usd = *usd;
      } else {
        total.reset();
      }
    };
    sum(min, e.min);
    sum(max, e.max);
    open = open || e.open_upper_bound;
  }
};

/// What one request file gave.
struct checked {
  std::string file;
  bool read = false;  // the request was read: `report` and `media_errors` are its diagnostics
  std::string error;  // non-empty: the request, or a media file mapped for it, cannot be read (exit 2)
  seedance::report report;
  std::vector<seedance::extra_diagnostic> media_errors;  // mapped media files the probe could not read
  std::optional<seedance::cost_estimate> estimate;
  std::string estimate_error;

  [[nodiscard]] bool valid() const { return error.empty() && report.ok() && media_errors.empty(); }
  [[nodiscard]] std::size_t errors() const { return report.errors() + media_errors.size(); }
};

checked check_one(const std::string& file, media_mapping& mapping, const seedance::pricing_table& table, status& st,
                  const seedance::validate_options& vo) {
  checked c;
  c.file = file;
  const input in = read_input(file, seedance::limits::body_max_bytes);
  if (!in.error.empty()) {
    complain(file, in.error);
    c.error = in.error;
    st.at_least(exit_usage);
    return c;
  }
  c.read = true;
  if (in.too_large) {
    const std::string limit = byte_limit(seedance::limits::body_max_bytes);
    c.report.add(seedance::code::body_too_large, "",
                 in.size ? "the request body is " + std::to_string(*in.size) + " bytes, over the " + limit + " limit; it was not read"
                         : "the request body is over the " + limit + " limit; reading stopped there");
    st.at_least(exit_invalid);
    return c;
  }
  if (in.bytes.empty()) {
    c.report.add(seedance::code::invalid_json, "", "the request body is empty" + empty_note(in), seedance::position_of("", 0));
    st.at_least(exit_invalid);
    return c;
  }
  // Read as a stream, within the library's bounds (size, nesting depth): no DOM, and the estimate
  // reads the fields the API defines, kept by the same pass (a hostile body costs about its own
  // size). With a media mapping, the mapped URLs are collected by a first streaming pass, bounded
  // (build_media), since the media map must exist before the validation (docs/cli.md).
  media_result media;
  if (mapping.any()) media = build_media(in.bytes, mapping);
  seedance::validated_request v = seedance::validate_request(in.bytes, media.media, vo);
  c.report = std::move(v.diagnostics);
  const std::optional<nlohmann::json> body = std::move(v.body);
  const nlohmann::json* request = body ? &*body : nullptr;
  c.media_errors = std::move(media.failed);
  if (!media.unreadable.empty()) {
    c.error = media.unreadable;  // reported on stderr by build_media
    st.at_least(exit_usage);
    return c;
  }
  if (!c.valid() || !request) {
    st.at_least(exit_invalid);
    return c;
  }
  seedance::estimate_options eo;
  eo.validate = false;  // just done, with positions
  seedance::estimate_result er = seedance::estimate_cost(*request, table, media.media, eo);
  if (er.estimate) {
    c.estimate = std::move(*er.estimate);
  } else {
    c.estimate_error = er.error;
  }
  return c;
}

/// The file's diagnostics as the contract has them: the library's and the tool's own, in the order
/// of their place in the file.
json diagnostics_json(const checked& c) {
  return seedance::to_json(c.report, {.file_order = true, .diagnostics_only = true, .extra = c.media_errors});
}

/// `cost`'s estimate object for one file (docs/cli.md).
json estimate_json(const checked& c) {
  json j = seedance::to_json(*c.estimate, seedance::estimate_json_options::cli());
  j["file"] = c.file;
  return j;
}

/// `check`'s JSON object for one file (docs/cli.md).
json check_json(const checked& c) {
  if (!c.error.empty()) {
    json j{{"file", c.file}, {"error", error_json("io_error", c.error)}};
    if (c.read) j["diagnostics"] = diagnostics_json(c);
    return j;
  }
  json j{{"file", c.file},
         {"valid", c.valid()},
         {"diagnostics", diagnostics_json(c)},
         {"estimate", c.estimate ? estimate_json(c) : json(nullptr)}};
  if (c.valid() && !c.estimate) j["estimate_error"] = error_json("not_priced", c.estimate_error);
  return j;
}

/// `cost`'s JSON object for one file (docs/cli.md).
json cost_json(const checked& c) {
  if (c.estimate) return estimate_json(c);
  if (!c.error.empty()) return check_json(c);
  const bool ok = c.valid();
  return {{"file", c.file},
          {"error", ok ? error_json("not_priced", c.estimate_error) : error_json("invalid_request", "the request is invalid: no estimate")},
          {"diagnostics", diagnostics_json(c)}};
}

/// The file's diagnostics as a compiler lists them: `FILE:LINE:COL: error[code] /path: message`.
void print_diagnostics(const checked& c, const style& sty) {
  std::cout << seedance::to_text(
      c.report, {.file = c.file, .positions = true, .file_order = true, .summary = false, .colour = sty.colour, .extra = c.media_errors});
}

}  // namespace

int run_check(const request_options& opt, bool cost_only) {
  status st;
  const std::optional<seedance::pricing_table> table = load_pricing(opt.pricing);
  if (!table) return exit_usage;
  const style sty = style::for_stdout();
  media_mapping mapping(opt.media);
  json out = json::array();
  std::size_t valid = 0, invalid = 0, unreadable = 0, unpriced = 0, errors = 0, warnings = 0;
  cost_total total;
  seedance::validate_options vo;
  vo.strict = opt.strict;
  for (const std::string& file : opt.files) {
    const checked c = check_one(file, mapping, *table, st, vo);
    const bool ok = c.valid();
    if (!c.error.empty()) {
      ++unreadable;
    } else {
      (ok ? valid : invalid) += 1;
    }
    errors += c.errors();
    warnings += c.report.warnings();
    if (ok && !c.estimate) {
      ++unpriced;
      if (cost_only) st.at_least(exit_invalid);  // valid, but the pricing table cannot price it
    }
    if (c.estimate) total.include(*c.estimate);
    if (opt.format == "json") {
      out.push_back(cost_only ? cost_json(c) : check_json(c));
      continue;
    }
    // text; a file that cannot be read has its reason on stderr, and only what was found here
    if (!cost_only || !ok) print_diagnostics(c, sty);
    if (!c.error.empty()) continue;
    if (!cost_only) {
      if (ok)
        std::cout << sty.bold(file + ":") << " valid"
                  << (c.estimate ? ", " + seedance::cost_range_text(*c.estimate) : std::string(", no estimate: ") + c.estimate_error)
                  << "\n";
      continue;
    }
    if (!c.estimate) {
      std::cout << sty.bold(file + ":")
                << " no estimate: " << (ok ? c.estimate_error : "the request is invalid (" + plural(c.errors(), "error") + ")") << "\n";
      continue;
    }
    std::cout << sty.bold(file + ":") << " " << seedance::to_text(*c.estimate, {seedance::estimate_text_layout::listing});
  }
  for (const auto& [url, path] : mapping.paths)
    if (!mapping.used.count(url))
      std::cerr << "seedance: warning: --media " << url << "=" << path << ": no request has this media URL; ignored\n";
  if (opt.format == "json") {
    print_json(out);
  } else if (!cost_only) {
    std::cout << plural(valid + invalid + unreadable, "file") << " checked: " << valid << " valid, " << invalid << " invalid"
              << (unreadable ? ", " + std::to_string(unreadable) + " unreadable" : "") << " (" << plural(errors, "error") << ", "
              << plural(warnings, "warning") << ")\n";
  } else {
    const std::size_t priced = valid - unpriced;
    std::cout << plural(valid + invalid + unreadable, "file") << " estimated: " << priced << " priced";
    if (invalid) std::cout << ", " << invalid << " invalid";
    if (unpriced) std::cout << ", " << unpriced << " not priced";
    if (unreadable) std::cout << ", " << unreadable << " unreadable";
    if (priced && total.min && total.max) std::cout << "; total " << seedance::cost_range_text(*total.min, *total.max, total.open);
    std::cout << "\n";
  }
  return st.value;
}

}  // namespace seedance_tool

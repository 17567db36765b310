// seedance (the command-line tool): `seedance check` and `seedance cost`. Reads each request file
// (bounded), probes its mapped media, validates it, estimates its cost, and prints the report and
// the estimate in the tool's documented forms (docs/cli.md).
#include <seedance/estimate.hpp>
#include <seedance/pricing.hpp>
#include <seedance/pricing_data.hpp>
#include <seedance/validate.hpp>

#include <algorithm>
#include <iostream>
#include <optional>

#include "commands.hpp"
#include "common.hpp"

namespace seedance_tool {

namespace {

// --- pricing -----------------------------------------------------------------------------------------------

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

// --- JSON shapes of the contract ----------------------------------------------------------------------

/// A decimal as a JSON number (the CLI's contract says numbers; the library's own JSON keeps strings):
/// rounded to 8 places, then written as decimal's shortest exact text, so that a whole number is a
/// JSON integer (135000, not 135000.0).
json number(const seedance::decimal& d) {
  const std::optional<seedance::decimal> rounded = seedance::decimal::parse(d.to_fixed(8));
  return json::parse(rounded ? rounded->to_string() : d.to_fixed(8));
}

json money_range(const seedance::decimal& lo, const seedance::decimal& hi, bool open) {
  return json{{"min", number(lo)}, {"max", open ? json(nullptr) : number(hi)}};
}

/// One diagnostic of a file, the library's or the tool's own.
struct any_diagnostic {
  const seedance::diagnostic* library = nullptr;  // else `own`
  const tool_diagnostic* own = nullptr;
  [[nodiscard]] const std::optional<seedance::text_position>& position() const {
    return library ? library->position : own->position;
  }
};

/// A file's diagnostics in the order of their place in the file, as a compiler lists them: by line
/// and column, those without a place (a missing field, say) last, each group in the order found.
std::vector<any_diagnostic> in_file_order(const seedance::report& r, const std::vector<tool_diagnostic>& own) {
  std::vector<any_diagnostic> all;
  all.reserve(r.size() + own.size());
  for (const seedance::diagnostic& d : r) all.push_back({&d, nullptr});
  for (const tool_diagnostic& d : own) all.push_back({nullptr, &d});
  std::stable_sort(all.begin(), all.end(), [](const any_diagnostic& a, const any_diagnostic& b) {
    const auto& pa = a.position();
    const auto& pb = b.position();
    if (!pa || !pb) return pa.has_value() && !pb.has_value();
    return pa->line != pb->line ? pa->line < pb->line : pa->column < pb->column;
  });
  return all;
}

json diagnostics_json(const seedance::report& r, const std::vector<tool_diagnostic>& own) {
  json list = json::array();
  for (const any_diagnostic& a : in_file_order(r, own)) {
    if (a.library) {
      list.push_back(*a.library);  // adds line/column when known
      continue;
    }
    const tool_diagnostic& d = *a.own;
    json j{{"severity", "error"}, {"code", d.code}, {"path", d.path}, {"message", d.message}};
    if (d.position) {
      j["line"] = d.position->line;
      j["column"] = d.position->column;
    }
    list.push_back(std::move(j));
  }
  return list;
}

json estimate_json(const std::string& file, const seedance::cost_estimate& e) {
  json j;
  j["file"] = file;
  j["model"] = e.model;
  j["credits"] = money_range(e.min.credits, e.max.credits, e.open_upper_bound);
  j["cny"] = money_range(e.min.cny, e.max.cny, e.open_upper_bound);
  j["usd"] = money_range(e.min.usd, e.max.usd, e.open_upper_bound);
  j["exact"] = e.exact();
  j["range_exact"] = e.range_exact;
  j["components"] = json::array();
  const auto tier_json = [](const std::optional<seedance::cost_tier>& t) -> json {
    if (!t) return nullptr;
    return {{"sku_id", t->sku_id}, {"rate_uc", number(t->rate_uc)}, {"multiplier", number(t->multiplier)}, {"minimum_uc", number(t->minimum_uc)}};
  };
  for (const seedance::cost_component& c : e.components) {
    json cj{{"name", c.id},
            {"unit", c.unit},
            {"tier", tier_json(c.tier)},
            {"quantity", money_range(c.quantity_min, c.quantity_max, false)},
            {"rate_uc", number(c.rate_uc)},
            {"amount_uc", {{"min", c.amount_min_uc}, {"max", c.amount_max_uc}}},
            {"minimum_applied", c.minimum_applied},
            {"per_use", c.per_use}};
    j["components"].push_back(std::move(cj));
  }
  j["per_use"] = json::array();
  for (const seedance::per_use_price& u : e.per_use)
    j["per_use"].push_back({{"component", u.component},
                            {"unit", u.unit},
                            {"credits", number(u.price.credits)},
                            {"cny", number(u.price.cny)},
                            {"usd", number(u.price.usd)}});
  j["assumptions"] = json::array();
  for (const seedance::assumption& a : e.assumptions) j["assumptions"].push_back(a.text);
  return j;
}

// --- text renderings --------------------------------------------------------------------------------------

std::string where(const std::string& file, const std::optional<seedance::text_position>& position) {
  std::string s = file;
  if (position) s += ":" + std::to_string(position->line) + ":" + std::to_string(position->column);
  return s;
}

void print_diagnostic(const std::string& file, const std::optional<seedance::text_position>& position, seedance::severity sev,
                      std::string_view code, const std::string& path, const std::string& message, const style& st) {
  std::cout << st.bold(where(file, position) + ":") << " " << st.severity(sev) << "[" << code << "]";
  if (!path.empty()) std::cout << " " << path;
  std::cout << ": " << message << "\n";
}

void print_diagnostics(const std::string& file, const seedance::report& r, const std::vector<tool_diagnostic>& own,
                       const style& st) {
  for (const any_diagnostic& a : in_file_order(r, own)) {
    if (const seedance::diagnostic* d = a.library)
      print_diagnostic(file, d->position, d->severity, seedance::to_string(d->code), d->path, d->message, st);
    else
      print_diagnostic(file, a.own->position, seedance::severity::error, a.own->code, a.own->path, a.own->message, st);
  }
}

std::string range_text(const seedance::decimal& lo, const seedance::decimal& hi, bool open, int places) {
  if (open) return lo.to_fixed(places) + " or more";
  if (lo == hi) return lo.to_fixed(places);
  return lo.to_fixed(places) + " to " + hi.to_fixed(places);
}

std::string short_cost(const seedance::money& lo, const seedance::money& hi, bool open) {
  return range_text(lo.credits, hi.credits, open, 2) + " credits (CNY " + range_text(lo.cny, hi.cny, open, 2) + ", USD " +
         range_text(lo.usd, hi.usd, open, 2) + ")";
}

std::string short_cost(const seedance::cost_estimate& e) { return short_cost(e.min, e.max, e.open_upper_bound); }

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

// --- check and cost -------------------------------------------------------------------------------------------

/// What one request file gave.
struct checked {
  std::string file;
  bool read = false;    // the request was read: `report` and `media_errors` are its diagnostics
  std::string error;    // non-empty: the request, or a media file mapped for it, cannot be read (exit 2)
  seedance::report report;
  std::vector<tool_diagnostic> media_errors;  // mapped media files the probe could not read
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
  // Parsed once, within the library's bounds (size, nesting depth): the media map, the validation
  // and the estimate all use this body.
  const seedance::parsed_request parsed = seedance::parse_request(in.bytes);
  media_result media;
  if (mapping.any() && parsed.body) media = build_media(*parsed.body, in.bytes, mapping);
  c.report = seedance::validate(parsed, in.bytes, media.media, vo);
  c.media_errors = std::move(media.failed);
  if (!media.unreadable.empty()) {
    c.error = media.unreadable;  // reported on stderr by build_media
    st.at_least(exit_usage);
    return c;
  }
  if (!c.valid() || !parsed.body) {
    st.at_least(exit_invalid);
    return c;
  }
  seedance::estimate_options eo;
  eo.validate = false;  // just done, with positions
  seedance::estimate_result er = seedance::estimate_cost(*parsed.body, table, media.media, eo);
  if (er.estimate) {
    c.estimate = std::move(*er.estimate);
  } else {
    c.estimate_error = er.error;
  }
  return c;
}

/// `check`'s JSON object for one file (docs/cli.md).
json check_json(const checked& c) {
  if (!c.error.empty()) {
    json j{{"file", c.file}, {"error", error_json("io_error", c.error)}};
    if (c.read) j["diagnostics"] = diagnostics_json(c.report, c.media_errors);
    return j;
  }
  json j{{"file", c.file},
         {"valid", c.valid()},
         {"diagnostics", diagnostics_json(c.report, c.media_errors)},
         {"estimate", c.estimate ? estimate_json(c.file, *c.estimate) : json(nullptr)}};
  if (c.valid() && !c.estimate) j["estimate_error"] = error_json("not_priced", c.estimate_error);
  return j;
}

/// `cost`'s JSON object for one file (docs/cli.md).
json cost_json(const checked& c) {
  if (c.estimate) return estimate_json(c.file, *c.estimate);
  if (!c.error.empty()) return check_json(c);
  const bool ok = c.valid();
  return {{"file", c.file},
          {"error", ok ? error_json("not_priced", c.estimate_error) : error_json("invalid_request", "the request is invalid: no estimate")},
          {"diagnostics", diagnostics_json(c.report, c.media_errors)}};
}

void print_estimate(const seedance::cost_estimate& e) {
  for (const seedance::cost_component& comp : e.components) {
    std::cout << "  " << comp.id << seedance::detail::tier_text(comp) << ": " << (comp.quantity_min == comp.quantity_max ? comp.quantity_min.to_string()
                                                                        : comp.quantity_min.to_string() + " to " + comp.quantity_max.to_string()) << " " << comp.unit
              << " x " << seedance::detail::rate_text(comp) << " uc";
    if (!comp.per_use)
      std::cout << " = " << (comp.amount_min_uc == comp.amount_max_uc ? std::to_string(comp.amount_min_uc)
                                                                       : std::to_string(comp.amount_min_uc) + " to " +
                                                                             std::to_string(comp.amount_max_uc))
                << " uc" << (comp.minimum_applied ? " (minimum charge)" : "");
    std::cout << "\n";
  }
  for (const seedance::per_use_price& u : e.per_use)
    std::cout << "  + " << u.price.credits.to_fixed(2) << " credits per " << u.unit << " (" << u.component << ")\n";
  for (const seedance::assumption& a : e.assumptions) std::cout << "  assumes: " << a.text << "\n";
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
    if (!cost_only || !ok) print_diagnostics(file, c.report, c.media_errors, sty);
    if (!c.error.empty()) continue;
    if (!cost_only) {
      if (ok)
        std::cout << sty.bold(file + ":") << " valid"
                  << (c.estimate ? ", " + short_cost(*c.estimate) : std::string(", no estimate: ") + c.estimate_error) << "\n";
      continue;
    }
    if (!c.estimate) {
      std::cout << sty.bold(file + ":") << " no estimate: "
                << (ok ? c.estimate_error : "the request is invalid (" + plural(c.errors(), "error") + ")") << "\n";
      continue;
    }
    std::cout << sty.bold(file + ":") << " " << c.estimate->model << ": " << short_cost(*c.estimate) << "\n";
    print_estimate(*c.estimate);
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
    if (priced && total.min && total.max) std::cout << "; total " << short_cost(*total.min, *total.max, total.open);
    std::cout << "\n";
  }
  return st.value;
}

}  // namespace seedance_tool

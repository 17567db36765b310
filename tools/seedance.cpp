// seedance: the command-line tool. Checks request files before they cost money, estimates their cost,
// probes media files, and prints the models and their JSON Schemas. docs/cli.md is its manual; the
// commands, options and JSON shapes are a contract.
//
//   seedance check  [--format text|json] [--media URL=PATH]... [--media-dir DIR] [--pricing FILE] FILE...
//   seedance cost   [--format text|json] [--media URL=PATH]... [--media-dir DIR] [--pricing FILE] FILE...
//   seedance probe  [--format text|json] FILE...
//   seedance models [--format text|json]
//   seedance schema [MODEL_ID]
//
// Exit status: 0 every file valid (warnings allowed) / every probe succeeded; 1 some file invalid
// (`cost`: or not priced) or some probe failed; 2 usage error or a file that cannot be read.
#include <seedance/estimate.hpp>
#include <seedance/pricing.hpp>
#include <seedance/pricing_data.hpp>
#include <seedance/probe.hpp>
#include <seedance/schema.hpp>
#include <seedance/validate.hpp>
#include <seedance/version.hpp>

#include <CLI/CLI.hpp>
#include "serve_command.hpp"
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// --- exit status -----------------------------------------------------------------------------------

constexpr int exit_ok = 0;
constexpr int exit_invalid = 1;
constexpr int exit_usage = 2;

/// The run's status: the worst seen.
struct status {
  int value = exit_ok;
  void at_least(int s) { value = std::max(value, s); }
};

// --- output style ------------------------------------------------------------------------------------

/// Colour only on a terminal, and never when NO_COLOR is set to something (https://no-color.org).
struct style {
  bool colour = false;
  static style for_stdout() {
    const char* no_color = std::getenv("NO_COLOR");
    return {isatty(STDOUT_FILENO) == 1 && !(no_color && *no_color)};
  }
  [[nodiscard]] std::string paint(std::string_view text, std::string_view sgr) const {
    if (!colour) return std::string(text);
    return "\x1b[" + std::string(sgr) + "m" + std::string(text) + "\x1b[0m";
  }
  [[nodiscard]] std::string severity(seedance::severity s) const {
    const std::string_view name = seedance::to_string(s);
    return paint(name, s == seedance::severity::error ? "1;31" : "1;35");
  }
  [[nodiscard]] std::string bold(std::string_view text) const { return paint(text, "1"); }
};

// --- output ------------------------------------------------------------------------------------------

/// Prints JSON output. A file name is whatever bytes the file system holds, and need not be UTF-8:
/// bytes that are not UTF-8 are printed as U+FFFD instead of failing the whole output.
void print_json(const json& j) { std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n"; }

/// A limit in bytes as the messages name it: "67108864-byte (64 MiB)".
std::string byte_limit(std::uint64_t bytes) {
  std::string s = std::to_string(bytes) + "-byte";
  if (bytes % seedance::mib == 0) s += " (" + std::to_string(bytes / seedance::mib) + " MiB)";
  return s;
}

// --- reading input, bounded ---------------------------------------------------------------------------

struct input {
  std::string name;                 // as given ("-" is standard input)
  std::string bytes;                // at most `limit` bytes
  bool too_large = false;           // more than `limit` bytes
  std::optional<std::uint64_t> size;  // the file's size when the file system knows it
  bool fifo = false;                // a FIFO (or pipe): one without a writer reads as empty
  std::string error;                // non-empty: could not be read (exit 2)
};

/// Reads `name` ("-": standard input), never more than `limit` + 1 bytes. A directory, a missing
/// file or a read error is an error. A FIFO without a writer reads as empty instead of blocking;
/// one whose writer keeps it open without writing is waited on, as `cat` would.
input read_input(const std::string& name, std::size_t limit) {
  input in;
  in.name = name;
  int fd = STDIN_FILENO;
  if (name != "-") {
    fd = ::open(name.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
      in.error = std::string("cannot open: ") + std::strerror(errno);
      return in;
    }
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      in.error = "is a directory";
      if (fd != STDIN_FILENO) ::close(fd);
      return in;
    }
    if (S_ISREG(st.st_mode)) in.size = static_cast<std::uint64_t>(st.st_size);
    in.fifo = S_ISFIFO(st.st_mode);
  }
  if (fd != STDIN_FILENO) {
    // Opened without blocking (a FIFO without a writer would block open()); read normally.
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  }
  if (in.size && *in.size > limit) {
    in.too_large = true;  // not read at all
  } else {
    std::string buf;
    char chunk[1 << 16];
    while (buf.size() <= limit) {
      const ssize_t n = ::read(fd, chunk, sizeof chunk);
      if (n == 0) break;
      if (n < 0) {
        if (errno == EINTR) continue;
        in.error = std::string("cannot read: ") + std::strerror(errno);
        break;
      }
      buf.append(chunk, static_cast<std::size_t>(n));
    }
    if (buf.size() > limit) {
      in.too_large = true;
      buf.clear();
      buf.shrink_to_fit();
    }
    in.bytes = std::move(buf);
  }
  if (fd != STDIN_FILENO) ::close(fd);
  return in;
}

/// "(a FIFO without a writer reads as empty)" for an empty FIFO, else "".
std::string empty_note(const input& in) { return in.fifo ? " (a FIFO without a writer reads as empty)" : ""; }

void complain(const std::string& file, const std::string& what) {
  std::cerr << "seedance: " << file << ": " << what << "\n";
}

// --- the tool's own diagnostics ---------------------------------------------------------------------------

/// The tool's own code for a mapped media file that the probe could not read (docs/cli.md): the
/// library's codes say what is wrong with a request, this one that its media could not be checked.
constexpr std::string_view media_probe_failed = "media_probe_failed";

/// A diagnostic of the tool's own (always an error), with a code that is not the library's.
struct tool_diagnostic {
  std::string code;
  std::string path;
  std::string message;
  std::optional<seedance::text_position> position;
};

// --- media mapping -------------------------------------------------------------------------------------

/// --media and --media-dir, as given on the command line.
struct media_options {
  std::vector<std::string> mappings;  // URL=PATH
  std::string dir;
};

/// The media mapping of a run.
struct media_mapping {
  std::map<std::string, std::string, std::less<>> paths;  // --media URL -> PATH (the last one given wins)
  std::string dir;                                          // --media-dir
  std::set<std::string, std::less<>> used;                  // --media URLs that some request contains

  explicit media_mapping(const media_options& opt) : dir(opt.dir) {
    for (const std::string& m : opt.mappings) {
      const auto eq = m.rfind('=');  // the part after the last '=' is the path: URLs may hold '='
      paths[m.substr(0, eq)] = m.substr(eq + 1);
    }
  }
  [[nodiscard]] bool any() const { return !paths.empty() || !dir.empty(); }
};

/// The last path segment of a URL, percent-decoded; empty when the URL does not parse or ends in '/'.
std::string last_segment(std::string_view url) {
  const seedance::url_result u = seedance::parse_url(url);
  if (!u) return {};
  const std::string& path = u.url->path;
  const auto slash = path.rfind('/');
  const std::string_view seg = std::string_view(path).substr(slash == std::string::npos ? 0 : slash + 1);
  const auto hex = [](char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  };
  std::string out;
  for (std::size_t i = 0; i < seg.size(); ++i) {
    // parse_url has checked that every '%' starts an escape of two hex digits
    if (seg[i] == '%' && i + 2 < seg.size() && hex(seg[i + 1]) >= 0 && hex(seg[i + 2]) >= 0) {
      out += static_cast<char>(hex(seg[i + 1]) * 16 + hex(seg[i + 2]));
      i += 2;
    } else {
      out += seg[i];
    }
  }
  if (out == "." || out == ".." || out.find('/') != std::string::npos || out.find('\0') != std::string::npos) return {};
  return out;
}

/// A media URL of a request: the kind of the array it is in, and its JSON pointer.
struct media_ref {
  std::string url;
  seedance::media_kind kind;
  std::string pointer;  // "/video_urls/0"
};

/// The media URLs of a request, in the order of the arrays and their items.
std::vector<media_ref> media_urls(const json& body) {
  std::vector<media_ref> out;
  if (!body.is_object()) return out;
  for (const seedance::media_kind k : {seedance::media_kind::image, seedance::media_kind::video, seedance::media_kind::audio}) {
    const std::string field(seedance::urls_field(k));
    const auto it = body.find(field);
    if (it == body.end() || !it->is_array()) continue;
    for (std::size_t i = 0; i < it->size(); ++i)
      if ((*it)[i].is_string()) out.push_back({(*it)[i].get<std::string>(), k, "/" + field + "/" + std::to_string(i)});
  }
  return out;
}

/// The properties of a probed file, for the validator. A file that is not one of the formats the
/// probe reads is still media of the array's kind, of format "other": the rules reject it.
std::optional<seedance::media_properties> properties_of(const seedance::probe_result& p, seedance::media_kind kind) {
  if (auto props = p.properties()) return props;
  const seedance::probe_error* e = p.error();
  if (!e || e->code != seedance::probe_errc::unrecognized_format) return std::nullopt;
  switch (kind) {
    case seedance::media_kind::image: return seedance::image_properties{seedance::media_format::other, {}, {}, p.bytes};
    case seedance::media_kind::video:
      return seedance::video_properties{seedance::media_format::other, {}, {}, {}, {}, p.bytes};
    case seedance::media_kind::audio: return seedance::audio_properties{seedance::media_format::other, {}, p.bytes};
  }
  return std::nullopt;
}

/// What the mapped media of one request gave.
struct media_result {
  seedance::media_map media;
  std::vector<tool_diagnostic> failed;  // mapped files the probe could not read: errors of the request
  std::string unreadable;               // non-empty: a mapped file cannot be read at all (exit 2)
};

/// Probes the files that --media and --media-dir map the media URLs of one request to. `text` is
/// the request's JSON text, to place the diagnostics of the files the probe could not read.
media_result build_media(const json& body, std::string_view text, media_mapping& mapping) {
  media_result out;
  std::map<std::string, std::string, std::less<>> failures;  // URL -> why its file could not be probed
  std::set<std::string, std::less<>> done;
  for (const media_ref& ref : media_urls(body)) {
    if (const auto f = failures.find(ref.url); f != failures.end()) {
      out.failed.push_back({std::string(media_probe_failed), ref.pointer, f->second, seedance::locate(text, ref.pointer)});
      continue;
    }
    if (!done.insert(ref.url).second) continue;
    std::string path;
    if (const auto it = mapping.paths.find(ref.url); it != mapping.paths.end()) {
      path = it->second;
      mapping.used.insert(ref.url);
    } else if (!mapping.dir.empty()) {
      const std::string seg = last_segment(ref.url);
      if (seg.empty()) continue;
      std::error_code ec;
      const fs::path candidate = fs::path(mapping.dir) / seg;
      if (!fs::is_regular_file(candidate, ec)) continue;
      path = candidate.string();
    } else {
      continue;
    }
    seedance::probe_result p = seedance::probe_file(path);
    if (const seedance::probe_error* first = p.error(); first && first->code != seedance::probe_errc::io_error) {
      // A file that fails as a format of another kind (an audio-only MP4 or a HEIF image: ISO BMFF,
      // read as a video) may still be no format of this array's kind at all: then that is what it
      // is ("other": the format rules reject it), not a file the probe could not read.
      seedance::probe_result as_kind = seedance::probe_file(path, {.only = ref.kind});
      if (const seedance::probe_error* e2 = as_kind.error(); e2 && e2->code == seedance::probe_errc::unrecognized_format)
        p = std::move(as_kind);
    }
    const seedance::probe_error* e = p.error();
    if (e && e->code == seedance::probe_errc::io_error) {
      const std::string why = "cannot read the media file " + path + " mapped to " + ref.url + ": " + e->message;
      complain(path, "cannot read the media file mapped to " + ref.url + ": " + e->message);
      if (out.unreadable.empty()) out.unreadable = why;
      continue;
    }
    if (auto props = properties_of(p, ref.kind)) {
      out.media.emplace(ref.url, std::move(*props));
    } else if (e) {
      // Damaged (truncated, malformed) or a variant the probe does not read: the file given for
      // this URL cannot be checked, so the request cannot be said to be valid.
      const std::string why = "the media file " + path + " mapped to this URL could not be probed: " +
                              std::string(seedance::to_string(e->code)) + ": " + e->message;
      failures.emplace(ref.url, why);
      out.failed.push_back({std::string(media_probe_failed), ref.pointer, why, seedance::locate(text, ref.pointer)});
    }
  }
  return out;
}

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

json error_json(std::string_view code, const std::string& message) { return json{{"code", code}, {"message", message}}; }

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

std::string plural(std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

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

struct request_options {
  std::string format = "text";
  bool strict = false;  // --strict: unknown_field and field_ignored are errors
  media_options media;
  std::string pricing;
  std::vector<std::string> files;
};

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

// --- probe ------------------------------------------------------------------------------------------------------

json probe_json(const std::string& file, const seedance::probe_result& p) {
  json j{{"file", file}};
  if (const seedance::probe_error* e = p.error()) {
    j["error"] = error_json(seedance::to_string(e->code), e->message);
    return j;
  }
  if (const auto* i = p.image()) {
    j["kind"] = "image";
    j["format"] = std::string(seedance::to_string(i->format));
    j["width"] = i->display_width();
    j["height"] = i->display_height();
  } else if (const auto* v = p.video()) {
    j["kind"] = "video";
    j["format"] = std::string(seedance::to_string(v->format));
    j["width"] = v->display_width();
    j["height"] = v->display_height();
    j["duration"] = v->duration;
    j["fps"] = v->fps;
    j["rotation"] = v->rotation;  // clockwise degrees from the tkhd matrix: width and height above are after it
  } else if (const auto* a = p.audio()) {
    j["kind"] = "audio";
    j["format"] = std::string(seedance::to_string(a->format));
    j["duration"] = a->duration;
  }
  j["bytes"] = p.bytes;
  return j;
}

std::string probe_text(const seedance::probe_result& p) {
  char buf[256];
  if (const seedance::probe_error* e = p.error()) return "error[" + std::string(seedance::to_string(e->code)) + "]: " + e->message;
  if (const auto* i = p.image()) {
    std::snprintf(buf, sizeof buf, "image %s %ux%u", std::string(seedance::to_string(i->format)).c_str(), i->display_width(),
                  i->display_height());
    std::string s = buf;
    if (i->swaps_sides()) s += " (stored " + std::to_string(i->width) + "x" + std::to_string(i->height) + ", EXIF orientation " + std::to_string(i->orientation) + ")";
    return s + ", " + std::to_string(p.bytes) + " bytes";
  }
  if (const auto* v = p.video()) {
    std::snprintf(buf, sizeof buf, "video %s %ux%u, %.3f s, %.3f fps", std::string(seedance::to_string(v->format)).c_str(),
                  v->display_width(), v->display_height(), v->duration, v->fps);
    std::string s = buf;
    if (v->rotation != 0) s += " (rotated " + std::to_string(v->rotation) + " degrees)";
    if (v->variable_frame_rate) s += " (variable frame rate)";
    return s + ", " + std::to_string(p.bytes) + " bytes";
  }
  if (const auto* a = p.audio()) {
    std::snprintf(buf, sizeof buf, "audio %s %.3f s", std::string(seedance::to_string(a->format)).c_str(), a->duration);
    return std::string(buf) + ", " + std::to_string(p.bytes) + " bytes";
  }
  return "?";
}

seedance::probe_result probe_failure(seedance::probe_errc code, std::string message) {
  seedance::probe_result p;
  p.value = seedance::probe_error{code, std::move(message)};
  return p;
}

/// Probes one file. A regular file is probed in place (headers only, with seeks); standard input,
/// a FIFO or a device cannot seek, and is read whole, up to the body limit (an MP4 may keep its
/// moov at the end).
seedance::probe_result probe_one(const std::string& file) {
  if (file != "-") {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0 || S_ISREG(st.st_mode)) return seedance::probe_file(file);  // its io_error says why
    if (S_ISDIR(st.st_mode)) return probe_failure(seedance::probe_errc::io_error, "is a directory");
  }
  const input in = read_input(file, seedance::limits::body_max_bytes);
  if (!in.error.empty()) return probe_failure(seedance::probe_errc::io_error, in.error);
  if (in.too_large)
    return probe_failure(seedance::probe_errc::io_error,
                         "a stream (standard input, a FIFO, a device) is read up to the " + byte_limit(seedance::limits::body_max_bytes) +
                             " limit, and this one is longer; give the file's name instead");
  if (in.bytes.empty()) return probe_failure(seedance::probe_errc::truncated, "the file is empty" + empty_note(in));
  return seedance::probe(std::string_view(in.bytes));
}

int run_probe(const std::string& format, const std::vector<std::string>& files) {
  status st;
  const style sty = style::for_stdout();
  json out = json::array();
  std::size_t failed = 0;
  for (const std::string& file : files) {
    const seedance::probe_result p = probe_one(file);
    if (const seedance::probe_error* e = p.error()) {
      ++failed;
      st.at_least(e->code == seedance::probe_errc::io_error ? exit_usage : exit_invalid);
      if (e->code == seedance::probe_errc::io_error) complain(file, e->message);
    }
    if (format == "json") {
      out.push_back(probe_json(file, p));
    } else {
      std::cout << sty.bold(file + ":") << " " << probe_text(p) << "\n";
    }
  }
  if (format == "json") {
    print_json(out);
  } else {
    std::cout << plural(files.size(), "file") << " probed: " << files.size() - failed << " read, " << failed << " failed\n";
  }
  return st.value;
}

// --- models and schema -------------------------------------------------------------------------------------------

std::string qualities(const seedance::model_info& m) {
  std::string s;
  for (std::size_t i = 0; i < seedance::enum_strings<seedance::quality>::values.size(); ++i) {
    const auto q = static_cast<seedance::quality>(i);
    if (!m.supports(q)) continue;
    if (!s.empty()) s += " ";
    s += seedance::to_string(q);
  }
  return s;
}

std::string count_text(const seedance::count_range& r) {
  if (!r.allowed()) return "-";
  return r.min == r.max ? std::to_string(r.min) : std::to_string(r.min) + "-" + std::to_string(r.max);
}

int run_models(const std::string& format) {
  if (format == "json") {
    json out = json::array();
    for (const seedance::model_info& m : seedance::model_catalog) {
      json q = json::array();
      for (std::size_t i = 0; i < seedance::enum_strings<seedance::quality>::values.size(); ++i)
        if (m.supports(static_cast<seedance::quality>(i))) q.push_back(seedance::enum_strings<seedance::quality>::values[i]);
      const auto range = [](const seedance::count_range& r) { return json{{"min", r.min}, {"max", r.max}}; };
      out.push_back({{"id", m.id},
                     {"mode", seedance::to_string(m.mode)},
                     {"tier", seedance::to_string(m.tier)},
                     {"images", range(m.images)},
                     {"videos", range(m.videos)},
                     {"audios", range(m.audios)},
                     {"audio_needs_visual", m.audio_needs_visual},
                     {"qualities", q},
                     {"web_search", m.web_search}});
    }
    print_json(out);
    return exit_ok;
  }
  const std::vector<std::string> head{"MODEL", "MODE", "TIER", "IMAGES", "VIDEOS", "AUDIOS", "QUALITIES", "WEB SEARCH"};
  std::vector<std::vector<std::string>> rows{head};
  for (const seedance::model_info& m : seedance::model_catalog)
    rows.push_back({std::string(m.id), std::string(seedance::to_string(m.mode)), std::string(seedance::to_string(m.tier)),
                    count_text(m.images), count_text(m.videos), count_text(m.audios), qualities(m), m.web_search ? "yes" : "no"});
  std::vector<std::size_t> width(head.size(), 0);
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line += std::string(width[i] - r[i].size() + 2, ' ');
    }
    std::cout << line << "\n";
  }
  return exit_ok;
}

int run_schema(const std::optional<std::string>& given) {
  if (!given) {
    print_json(seedance::json_schema_all());
    return exit_ok;
  }
  const std::string& id = *given;  // "" (an unset shell variable, say) is an unknown id, not "all"
  const std::optional<json> s = seedance::json_schema(id);
  if (!s) {
    std::string ids;
    for (const seedance::model_info& m : seedance::model_catalog) ids += "\n  " + std::string(m.id);
    std::cerr << "seedance: schema: unknown model id \"" << id << "\"; the models are:" << ids << "\n";
    return exit_usage;
  }
  print_json(*s);
  return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"seedance " SEEDANCE_VERSION_STRING ": check Seedance 2.0 video generation requests before they cost money"};
  // Before the subcommands are added: they copy it. Every message on stderr starts "seedance: ".
  app.failure_message([](const CLI::App* a, const CLI::Error& e) { return "seedance: " + CLI::FailureMessage::simple(a, e); });
  app.require_subcommand(1);
  app.set_version_flag("--version", SEEDANCE_VERSION_STRING);

  request_options check_opt, cost_opt;
  const auto add_request_options = [](CLI::App* cmd, request_options& o) {
    cmd->add_option("--format", o.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    cmd->add_option("--media", o.media.mappings, "URL=PATH: the request's media URL will be the local file PATH (probed and checked)")
        ->check([](const std::string& s) { return s.find('=') == std::string::npos ? std::string("expected URL=PATH") : std::string(); });
    cmd->add_option("--media-dir", o.media.dir, "map every media URL to DIR/<last path segment of the URL> when that file exists")
        ->check(CLI::ExistingDirectory);
    cmd->add_option("--pricing", o.pricing, "a pricing-rules feed (JSON) instead of the built-in table");
    cmd->add_flag("--strict", o.strict, "unknown_field and field_ignored are errors, as the provider's own validator has them");
    cmd->add_option("FILE", o.files, "request files (JSON); - reads standard input")->required();
  };
  CLI::App* check = app.add_subcommand("check", "validate request files (and estimate the valid ones)");
  add_request_options(check, check_opt);
  CLI::App* cost = app.add_subcommand("cost", "estimate the cost of request files");
  add_request_options(cost, cost_opt);

  std::string probe_format = "text";
  std::vector<std::string> probe_files;
  CLI::App* probe = app.add_subcommand("probe", "read size, duration, fps and format from media file headers");
  probe->add_option("--format", probe_format, "text or json")->check(CLI::IsMember({"text", "json"}));
  probe->add_option("FILE", probe_files, "media files; - reads standard input")->required();

  std::string models_format = "text";
  CLI::App* models = app.add_subcommand("models", "the models and their capabilities");
  models->add_option("--format", models_format, "text or json")->check(CLI::IsMember({"text", "json"}));

  std::string schema_id;
  CLI::App* schema = app.add_subcommand("schema", "the JSON Schema of one model's request body, or of every model keyed by id");
  CLI::Option* schema_id_opt = schema->add_option("MODEL_ID", schema_id, "a model id (seedance models lists them)");

  seedance_tool::serve_command serve(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);  // prints help/version (rc 0) or the error
    return rc == 0 ? exit_ok : exit_usage;
  }
  // Standard input can be read once.
  for (const std::vector<std::string>* files : {&check_opt.files, &cost_opt.files, &probe_files}) {
    if (std::count(files->begin(), files->end(), "-") > 1) {
      std::cerr << "seedance: standard input given more than once (-)\n";
      return exit_usage;
    }
  }
  int rc = exit_usage;
  try {
    if (check->parsed()) rc = run_check(check_opt, false);
    else if (cost->parsed()) rc = run_check(cost_opt, true);
    else if (probe->parsed()) rc = run_probe(probe_format, probe_files);
    else if (models->parsed()) rc = run_models(models_format);
    else if (schema->parsed()) rc = run_schema(schema_id_opt->count() > 0 ? std::optional<std::string>(schema_id) : std::nullopt);
    else if (serve.parsed()) rc = serve.run();
  } catch (const std::exception& e) {
    std::cerr << "seedance: " << e.what() << "\n";
    return exit_usage;
  }
  // Output that did not reach its destination (a full disk, a closed pipe) is a failure: a CI step
  // must not pass on an empty or cut report.
  std::cout.flush();
  if (!std::cout || std::ferror(stdout) != 0 || std::fflush(stdout) != 0) {
    std::cerr << "seedance: cannot write the output to standard output: " << std::strerror(errno != 0 ? errno : EIO) << "\n";
    return exit_usage;
  }
  return rc;
}
